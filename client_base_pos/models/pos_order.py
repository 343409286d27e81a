from odoo import models


class PosOrder(models.Model):
    _inherit = "pos.order"

    def action_pos_order_paid(self):
        # a paid POS order (or refund) is a purchase: the customer's status
        # follows at once, as after a sale order's confirmation
        res = super().action_pos_order_paid()
        self._client_base_refresh_status("order")
        for order in self.filtered("partner_id"):
            # whatever the basis: a purchase at the till is one
            self.env["res.partner"]._client_questionnaire_at_first_purchase(
                order.company_id, order.partner_id
            )
        return res

    def _client_base_refresh_status(self, cause):
        """Recompute the status of these orders' customers, per company."""
        Partner = self.env["res.partner"]
        orders = self.filtered("partner_id")
        for company in orders.company_id:
            Partner._client_base_refresh_status(
                company,
                cause=cause,
                partner_ids=orders.filtered(
                    lambda order, company=company: order.company_id == company
                ).partner_id.commercial_partner_id.ids,
            )
