from .sql_view import replace_view
from .company_values import company_value, set_company_value, unset_company_value
from .planner import (
    PART_ROWS,
    group_per_branch,
    groups_per_branch,
    page_per_branch,
    part_rows_count,
    without_jit,
)
from .correlated_sql import CorrelatedSQL
