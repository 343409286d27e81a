from . import client_base_readable_report
from . import client_base_analysis_line
from . import client_base_analysis_run
from . import client_base_analysis_run_current
from . import client_base_analysis_run_compute
from . import client_base_analysis_run_prediction
from . import client_base_analysis_prediction_check
from . import client_base_client_scope
from . import client_base_marketing_spend
from . import client_base_strategic_criterion
from . import client_base_strategic_score
from . import res_company
from . import res_company_prediction
from . import res_config_settings
from . import res_partner
from . import res_partner_action_lists
from . import res_partner_prediction
from . import sale_order

# a view over the runs and lines: created after their tables
from . import client_base_analysis_migration
from . import privacy_lookup_wizard
from . import spreadsheet_dashboard
