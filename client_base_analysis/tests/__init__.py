from . import test_analysis_run
from . import test_menus
