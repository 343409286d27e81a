from odoo import models
from odoo.tools import SQL


class PosOrderLine(models.Model):
    """A POS line makes its order's amount: a change of it changes the
    purchase of the order's customer."""

    _name = "pos.order.line"
    _inherit = ["pos.order.line", "client.base.purchase.source"]  # noqa: RUF012

    def _client_base_purchase_clients_sql(self):
        # the orders' ids as values, so that the filter reaches the orders
        # inside the view's grouping (a sub-select would not)
        self.env.cr.execute(
            SQL(
                "SELECT DISTINCT order_id FROM pos_order_line WHERE id = ANY(%s)",
                list(self.ids),
            )
        )
        order_ids = [row[0] for row in self.env.cr.fetchall()]
        return (
            self.env["pos.order"].browse(order_ids)._client_base_purchase_clients_sql()
        )
