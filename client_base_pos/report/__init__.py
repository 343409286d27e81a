from . import client_base_pos_penetration
