from . import client_base_loyalty_tier
from . import client_base_loyalty_tier_history
from . import loyalty_card
from . import loyalty_program
from . import loyalty_reward
from . import pos_order
from . import pos_session
