from . import client_base_purchase
