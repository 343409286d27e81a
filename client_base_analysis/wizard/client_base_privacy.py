from odoo import models


class ClientBasePrivacy(models.TransientModel):
    _inherit = "client.base.privacy"

    def _anonymise_rows(self, partner):
        """The salespeople's notes on the client's strategic scores go too;
        the scores and the analyses' numbers stay."""
        counts = super()._anonymise_rows(partner)
        self.env["client.base.strategic.score"].sudo().search(
            [("partner_id", "=", partner.id), ("note", "!=", False)]
        ).write({"note": False})
        return counts
