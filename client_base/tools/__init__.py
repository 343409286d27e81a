from .sql_view import replace_view
from .company_values import company_value, set_company_value, unset_company_value
from .planner import page_per_branch, without_jit
from .correlated_sql import CorrelatedSQL
