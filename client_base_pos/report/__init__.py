from . import client_base_pos_penetration
from . import client_base_pos_till_day
