from . import test_pos_purchases
from . import test_till_badge
from . import test_pos_feedback
from . import test_card_penetration
from . import test_demo_shop
