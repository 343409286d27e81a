from . import test_client_domain
from . import test_lifecycle_status
from . import test_mark_lost
from . import test_security
from . import test_sources_consent
from . import test_winback
from . import test_ui
