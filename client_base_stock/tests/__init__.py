from . import test_feedback_after_delivery
