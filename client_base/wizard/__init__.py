from . import client_base_handover
from . import client_base_mark_lost
from . import base_partner_merge_automatic_wizard
from . import client_base_threshold_override_wizard
from . import client_base_threshold_preview
from . import client_base_privacy
from . import client_base_privacy_export
from . import client_base_privacy_anonymise
