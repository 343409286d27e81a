from odoo import api, models
from odoo.tools import SQL


class SaleOrder(models.Model):
    _inherit = "sale.order"

    @api.model
    def _client_feedback_reference_sql(self):
        # the client rates what it received: the delay runs from the first
        # delivery done (sale_stock's effective date); undelivered, not yet
        return SQL("so.effective_date")
