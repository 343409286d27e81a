from odoo import api, models


class LoyaltyProgram(models.Model):
    _inherit = "loyalty.program"

    @api.model
    def _load_pos_data_fields(self, config_id):
        # the till shares a client card with the client's people
        return [*super()._load_pos_data_fields(config_id), "client_issue_kind"]
