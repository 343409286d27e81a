from . import client_base_grouped_parts
from . import client_base_purchase_day
from . import client_base_purchase
from . import client_base_purchase_line
from . import client_base_product_preference
from . import client_base_threshold_report
from . import client_base_round_date
