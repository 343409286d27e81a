from odoo import api, models
from odoo.tools import SQL


class ClientBasePurchase(models.Model):
    _inherit = "client.base.purchase"
    _depends = {  # noqa: RUF012 (Odoo reads this class attribute as is)
        "sale.order": ["margin"],
    }

    @api.model
    def _order_margin_sql(self):
        if self.env.context.get("client_base_margin_uninstall"):
            return super()._order_margin_sql()
        # sale_margin's margin is in the order's currency, as its amounts
        return SQL("so.margin / COALESCE(NULLIF(so.currency_rate, 0), 1)")

    @api.model
    def _margin_known(self, basis):
        if self.env.context.get("client_base_margin_uninstall"):
            return super()._margin_known(basis)
        # Odoo knows the margin of orders, not of invoices
        return basis == "order"
