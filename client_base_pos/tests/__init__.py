from . import test_pos_purchases
from . import test_till_badge
from . import test_pos_feedback
