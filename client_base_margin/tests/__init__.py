from . import test_purchase_margin
