from . import client_base_yearly_review
from . import client_base_privacy
