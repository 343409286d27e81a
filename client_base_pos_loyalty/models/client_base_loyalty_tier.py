from odoo import api, models


class ClientBaseLoyaltyTier(models.Model):
    """The tiers of the till's programs are loaded with them: the till
    computes rewards in the browser and keeps a tier's reward to its card
    holders."""

    _name = "client.base.loyalty.tier"
    _inherit = ["client.base.loyalty.tier", "pos.load.mixin"]  # noqa: RUF012

    @api.model
    def _load_pos_data_domain(self, data):
        config = self.env["pos.config"].browse(data["pos.config"]["data"][0]["id"])
        return [("program_id", "in", config._get_program_ids().ids)]

    @api.model
    def _load_pos_data_fields(self, config_id):
        return ["name", "program_id", "discount", "reward_id"]
