from . import test_pos_purchases
