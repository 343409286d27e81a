from . import client_base_analysis_line
from . import client_base_analysis_run
from . import res_company
from . import res_partner
