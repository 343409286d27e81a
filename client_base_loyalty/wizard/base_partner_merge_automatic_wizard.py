from odoo import models


class MergePartnerAutomatic(models.TransientModel):
    _inherit = "base.partner.merge.automatic.wizard"

    def _merge(self, partner_ids, dst_partner=None, extra_checks=True):
        """After a merge, the survivor's cards are in the tier its whole
        history reaches: the merged partners' orders now count for it."""
        res = super()._merge(
            partner_ids, dst_partner=dst_partner, extra_checks=extra_checks
        )
        survivor = (
            self.env["res.partner"].browse(partner_ids).exists().commercial_partner_id
        )
        self.env["loyalty.card"].sudo()._client_tier_refresh(
            partner_ids=survivor.ids, trigger="job"
        )
        return res
