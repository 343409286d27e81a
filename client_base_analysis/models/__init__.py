from . import client_base_analysis_line
from . import client_base_analysis_run
from . import res_company
from . import res_config_settings
from . import res_partner

# a view over the runs and lines: created after their tables
from . import client_base_analysis_migration
