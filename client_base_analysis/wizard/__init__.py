from . import client_base_yearly_review
from . import client_base_privacy
from . import client_base_mark_lost
