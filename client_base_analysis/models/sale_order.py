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
        """One row per confirmed order that counts as revenue (PRODUCT.md):
        ``order_id, company_id, client_id, day, amount`` with the amount
        untaxed in company currency at the order's own rate and the day in the
        company's time zone (Client Base setting). The base of the health
        reports."""
        return SQL(
            """
            SELECT so.id AS order_id, so.company_id,
                   buyer.commercial_partner_id AS client_id,
                   ((so.date_order AT TIME ZONE 'UTC')
                       AT TIME ZONE COALESCE(company.client_timezone, 'UTC'))::date
                       AS day,
                   so.amount_untaxed / COALESCE(NULLIF(so.currency_rate, 0), 1)
                       AS amount
              FROM sale_order so
              JOIN res_company company ON company.id = so.company_id
              JOIN res_partner buyer ON buyer.id = so.partner_id
             WHERE so.state = 'sale'
            """
        )
