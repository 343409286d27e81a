from . import client_base_currency_report
from . import client_base_health_acquisition
from . import client_base_health_churn
from . import client_base_health_cohort
from . import client_base_health_repeat
from . import client_base_purchase_rhythm
from . import client_base_strategic_matrix
from . import client_base_worklist
