"""The suite's addons, each building on those before it; the repository-level
checks (static, translations, access matrix) cover every one of them."""

SUITE_ADDONS = (
    "client_base",
    "client_base_loyalty",
    "client_base_analysis",
    "client_base_stock",
    "client_base_margin",
    "client_base_pos",
    "client_base_pos_loyalty",
    "client_base_pos_analysis",
)
