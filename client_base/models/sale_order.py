from odoo import models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _action_confirm(self):
        res = super()._action_confirm()
        self._client_base_refresh_status("order")
        return res

    def _action_cancel(self):
        confirmed = self.filtered(lambda order: order.state == "sale")
        res = super()._action_cancel()
        confirmed._client_base_refresh_status("cancellation")
        return res

    def _client_base_refresh_status(self, cause):
        """Recompute the status of these orders' clients at once, per company.

        A constant number of queries per company, however long the clients'
        histories are: the status computation is one set-based statement.
        """
        Partner = self.env["res.partner"]
        for company in self.company_id:
            orders = self.filtered(
                lambda order, company=company: order.company_id == company
            )
            Partner._client_base_refresh_status(
                company,
                cause=cause,
                partner_ids=orders.partner_id.commercial_partner_id.ids,
            )
