from . import client_base_purchase
from . import client_base_purchase_line
from . import pos_order
from . import pos_order_feedback
from . import res_company
from . import res_config_settings
from . import res_partner
