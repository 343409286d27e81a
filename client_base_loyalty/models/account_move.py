from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _client_base_refresh_status(self, cause):
        # where invoices are the purchases, card tiers follow them as statuses do
        res = super()._client_base_refresh_status(cause)
        moves = self._client_base_purchase_moves()
        if moves:
            self.env["loyalty.card"].sudo()._client_tier_refresh(
                moves.company_id,
                partner_ids=moves.commercial_partner_id.ids,
                trigger="invoice",
            )
        return res
