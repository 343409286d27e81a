"""18.0.1.1.0: the companies moved to the invoice basis (pre-migrate.py) get
their clients' purchases by day, statuses, contact dates and tiers from their
invoices."""

from odoo import SUPERUSER_ID, api

MOVED = "client_base_analysis.migration_18_0_1_1_0_companies"


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    Parameter = env["ir.config_parameter"].sudo()
    moved = Parameter.search([("key", "=", MOVED)])
    if not moved:
        return
    companies = (
        env["res.company"]
        .browse(int(company_id) for company_id in moved.value.split(","))
        .exists()
    )
    for company in companies:
        # the basis was changed by SQL: the purchases' summary by day first
        env["client.base.purchase.day"]._client_base_refresh(company=company)
        env["res.partner"]._client_base_refresh_status(company, cause="silence")
    if "loyalty.card" in env and hasattr(env["loyalty.card"], "_client_tier_refresh"):
        env["loyalty.card"]._client_tier_refresh(companies, trigger="job")
    moved.unlink()
