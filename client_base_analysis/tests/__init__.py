from . import test_analysis_bases
from . import test_analysis_run
from . import test_menus
from . import test_purchase_rhythm
from . import test_threshold_abc
from . import test_ui
from . import test_base_health
from . import test_strategic_matrix
