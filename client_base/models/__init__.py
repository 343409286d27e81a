from . import client_base_churn_reason
from . import client_base_status_history
from . import client_base_demo_story
from . import mail_activity_plan_template
from . import res_company
from . import res_config_settings
from . import res_partner
from . import sale_order
