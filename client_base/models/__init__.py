from . import res_partner
from . import client_base_demo_story
