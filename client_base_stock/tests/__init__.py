from . import test_feedback_after_delivery
from . import test_demo_story_stock
