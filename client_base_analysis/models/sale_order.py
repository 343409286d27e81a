from odoo import api, models
from odoo.tools import SQL


class SaleOrder(models.Model):
    _inherit = "sale.order"

    @api.model
    def _client_threshold_order_columns(self):
        Run = self.env["client.base.analysis.run"]
        return [
            *super()._client_threshold_order_columns(),
            SQL(
                "%s AS abc_class",
                Run._current_abc_class_sql(
                    SQL("client.id"), Run._current_run_id_sql(SQL("so.company_id"))
                ),
            ),
        ]

    @api.model
    def _client_threshold_scopes(self):
        return [
            *super()._client_threshold_scopes(),
            ("client_abc_class", SQL("rule.client_abc_class = o.abc_class")),
        ]

    @api.model
    def _client_revenue_sql(self):
        """The base of the health reports: the company's purchases summed
        per client and day (client.base.purchase.day), one row ``id,
        company_id, client_id, day, amount, orders`` each, the amount untaxed
        in company currency and the day in the company's time zone; a refund
        (invoice basis) lowers the amount and is no order (``orders`` counts
        the purchase occasions of the day)."""
        return SQL(
            """
            SELECT summary.id, summary.company_id,
                   summary.partner_id AS client_id, summary.day,
                   summary.amount, summary.orders
              FROM client_base_purchase_day summary
            """
        )
