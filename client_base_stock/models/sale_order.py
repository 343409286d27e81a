from odoo import api, models
from odoo.tools import SQL


class SaleOrder(models.Model):
    _inherit = "sale.order"

    @api.model
    def _client_feedback_reference_sql(self):
        # the client rates what it received: the delay runs from the first
        # delivery done (sale_stock's effective date), not yet while undelivered;
        # an order with nothing to deliver (services) from its date
        return SQL(
            """CASE WHEN EXISTS (SELECT 1 FROM stock_picking picking
                                  WHERE picking.sale_id = so.id)
                    THEN so.effective_date ELSE so.date_order END"""
        )
