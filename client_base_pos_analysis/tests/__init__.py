from . import test_yearly_review_till
