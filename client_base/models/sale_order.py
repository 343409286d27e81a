from odoo import models


class SaleOrder(models.Model):
    """Confirmed and cancelled orders are purchases: the client's status follows at
    once, and a first one invites the client to the questionnaire."""

    _name = "sale.order"
    _inherit = ["sale.order", "client.base.purchase.source"]  # noqa: RUF012

    def _action_confirm(self):
        res = super()._action_confirm()
        self._client_base_refresh_status("order")
        self._client_questionnaire_at_first_order()
        return res

    def _client_questionnaire_at_first_order(self):
        """A client's first purchase sends the person who ordered the company's
        questionnaire: here where the company counts its orders."""
        Partner = self.env["res.partner"]
        for company in self.company_id:
            if company.client_purchase_basis == "order":
                Partner._client_questionnaire_at_first_purchase(
                    company,
                    self.filtered(
                        lambda order, company=company: order.company_id == company
                    ).partner_id,
                )

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
