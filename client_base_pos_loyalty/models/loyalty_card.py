from odoo import api, fields, models


class LoyaltyCard(models.Model):
    _inherit = "loyalty.card"

    # The card's tier as the till reads it: a cashier is no Client Base user,
    # and the tier's reward must be claimable at the till all the same.
    client_pos_tier_id = fields.Many2one(
        related="client_tier_id",
        string="Tier at the Till",
        groups="point_of_sale.group_pos_user",
    )

    @api.model
    def _client_base_open_fields(self):
        return super()._client_base_open_fields() | {"client_pos_tier_id"}

    @api.model
    def _load_pos_data_fields(self, config_id):
        return [*super()._load_pos_data_fields(config_id), "client_pos_tier_id"]

    @api.model
    def get_client_card_for_pos(self, program_id, partner_id):
        """The card of a client card program that the till's customer uses:
        their client's (a client keeps one card, shared by its people), as
        the till reads cards; False when the client holds none yet (the till
        then issues one)."""
        program = self.env["loyalty.program"].browse(program_id).exists()
        partner = self.env["res.partner"].browse(partner_id).exists()
        if not program or not partner or program.client_issue_kind != "card":
            return False
        card = self.search(
            [
                ("program_id", "=", program.id),
                ("partner_id", "child_of", partner.commercial_partner_id.id),
            ],
            limit=1,
        )
        return card.id or False
