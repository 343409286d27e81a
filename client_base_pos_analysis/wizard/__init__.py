from . import client_base_yearly_review
