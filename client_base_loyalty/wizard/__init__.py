from . import client_base_card_issue
