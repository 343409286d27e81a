from odoo import models


class AccountMove(models.Model):
    _name = "account.move"
    _inherit = ["account.move", "client.base.purchase.source"]  # noqa: RUF012

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        posted._client_base_refresh_status("order")
        # where invoices are the purchases, a client's first one invites the
        # person invoiced to the questionnaire
        invoices = posted._client_base_purchase_moves().filtered(
            lambda move: move.move_type == "out_invoice"
        )
        for company in invoices.company_id:
            self.env["res.partner"]._client_questionnaire_at_first_purchase(
                company,
                invoices.filtered(
                    lambda move, company=company: move.company_id == company
                ).partner_id,
            )
        return posted

    def button_draft(self):
        posted = self.filtered(lambda move: move.state == "posted")
        res = super().button_draft()
        posted._client_base_refresh_status("cancellation")
        return res

    def button_cancel(self):
        posted = self.filtered(lambda move: move.state == "posted")
        res = super().button_cancel()
        posted._client_base_refresh_status("cancellation")
        return res

    def _client_base_purchase_moves(self):
        """The moves of ``self`` that are purchases (client.base.purchase):
        customer invoices and refunds of companies on the invoice basis."""
        return self.filtered(
            lambda move: (
                move.move_type in ("out_invoice", "out_refund")
                and move.company_id.client_purchase_basis == "invoice"
            )
        )

    def _client_base_refresh_status(self, cause):
        """Where invoices are the purchases (the company's basis), the status
        of these moves' clients follows their posting and cancellation."""
        moves = self._client_base_purchase_moves()
        Partner = self.env["res.partner"]
        for company in moves.company_id:
            Partner._client_base_refresh_status(
                company,
                cause=cause,
                partner_ids=moves.filtered(
                    lambda move, company=company: move.company_id == company
                ).commercial_partner_id.ids,
            )
