from odoo import api, models


class LoyaltyReward(models.Model):
    _inherit = "loyalty.reward"

    @api.model
    def _load_pos_data_fields(self, config_id):
        # a tier's reward is for the cards holding the tier
        return [*super()._load_pos_data_fields(config_id), "client_tier_id"]
