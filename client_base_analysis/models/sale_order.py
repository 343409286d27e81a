from odoo import api, models
from odoo.tools import SQL


class SaleOrder(models.Model):
    _inherit = "sale.order"

    @api.model
    def _client_threshold_order_columns(self):
        self.env["client.base.analysis.run"]._flush_runs()
        self.env["client.base.analysis.line"].flush_model(
            ["run_id", "partner_id", "abc_class", "rank"]
        )
        return [
            *super()._client_threshold_order_columns(),
            SQL(
                """
                (SELECT line.abc_class FROM client_base_analysis_line line
                  WHERE line.partner_id = client.id AND line.run_id = %s
                  ORDER BY line.rank
                  LIMIT 1) AS abc_class
                """,
                self.env["client.base.analysis.run"]._current_run_id_sql(
                    SQL("so.company_id")
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
        """The base of the health reports: the company's purchases
        (client.base.purchase, PRODUCT.md), one row ``order_id, company_id,
        client_id, day, amount, counted`` each, the amount untaxed in company
        currency and the day in the company's time zone; a refund (invoice
        basis) lowers the revenue and is no order (``counted`` false)."""
        return SQL(
            """
            SELECT purchase.id AS order_id, purchase.company_id,
                   purchase.partner_id AS client_id, purchase.day,
                   purchase.amount, purchase.counted
              FROM client_base_purchase purchase
            """
        )
