from . import test_audiences
from . import test_cards
from . import test_menus
from . import test_offers
from . import test_security
from . import test_tiers
from . import test_ui
from . import test_bounds
