from odoo import fields, models


class LoyaltyReward(models.Model):
    _inherit = "loyalty.reward"

    client_tier_id = fields.Many2one(
        "client.base.loyalty.tier",
        string="Reserved to Tier",
        readonly=True,
        ondelete="set null",
        help="Only cards holding this tier may claim the reward.",
    )
