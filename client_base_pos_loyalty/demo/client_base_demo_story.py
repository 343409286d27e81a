from odoo import api, models

from odoo.addons.client_base_pos.demo.story_shop import ShopStory


class ClientBaseDemoStory(models.AbstractModel):
    _inherit = "client.base.demo.story"

    @api.model
    def _demo_card_at_the_till(self):
        """The honoured-client card is sold at the shop too, and one of its
        card holders got hers at the till: her questionnaire went out by
        email (she agreed to it). Returns the card, or an empty recordset."""
        Card = self.env["loyalty.card"]
        config = ShopStory(self.env)._shop_config()
        program = self.env.ref(
            "client_base_loyalty.loyalty_program_honoured_client_demo",
            raise_if_not_found=False,
        )
        if not program:
            return Card
        program.pos_config_ids |= config
        holder = self.env["res.partner"].search(
            [("ref", "=like", "CBSHOP%"), ("client_consent_email", "=", "granted")],
            order="id",
            limit=1,
        )
        order = self.env["pos.order"].search(
            [("partner_id", "=", holder.id), ("session_id.config_id", "=", config.id)],
            order="date_order desc",
            limit=1,
        )
        if not order:
            return Card
        order.confirm_coupon_programs(
            {
                "-1": {
                    "program_id": program.id,
                    "coupon_id": -1,
                    "points": 1,
                    "barcode": False,
                    "partner_id": holder.id,
                }
            }
        )
        return Card.search(
            [("program_id", "=", program.id), ("source_pos_order_id", "=", order.id)]
        )
