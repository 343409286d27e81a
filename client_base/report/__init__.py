from . import client_base_product_preference
