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
