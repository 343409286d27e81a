from odoo import fields, models


class ClientBaseLoyaltyTierHistory(models.Model):
    _inherit = "client.base.loyalty.tier.history"

    trigger = fields.Selection(
        selection_add=[("pos", "Paid at the till")], ondelete={"pos": "cascade"}
    )
