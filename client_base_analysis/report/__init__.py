from . import client_base_purchase_rhythm
