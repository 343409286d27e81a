from . import client_base_purchase
from . import client_base_purchase_line
from . import pos_order
from . import res_partner
