from odoo import api, models, tools
from odoo.tools import SQL


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def init(self):
        result = super().init()
        # the orders held to a minimum, the few the Small Orders list reads
        # of each client's latest (res.partner's action lists)
        tools.create_index(
            self.env.cr,
            "sale_order_client_threshold_minimum_index",
            self._table,
            ["company_id", "date_order"],
            where="client_threshold_confirmed_minimum > 0",
        )
        return result

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
