from . import client_base_loyalty_tier_history
from . import pos_order
