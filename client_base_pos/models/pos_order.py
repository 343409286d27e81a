from odoo import models
from odoo.tools import SQL


class PosOrder(models.Model):
    _name = "pos.order"
    _inherit = ["pos.order", "client.base.purchase.source"]  # noqa: RUF012

    def _client_base_purchase_clients_sql(self):
        # an invoiced POS order counts instead of its invoice: the invoice's
        # client too, whichever of the two was written first
        return SQL(
            "%s UNION SELECT move.commercial_partner_id FROM pos_order po"
            " JOIN account_move move ON move.id = po.account_move"
            " WHERE po.id = ANY(%s)",
            super()._client_base_purchase_clients_sql(),
            list(self.ids),
        )

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
