from . import client_base_card_issue
from . import base_partner_merge_automatic_wizard
