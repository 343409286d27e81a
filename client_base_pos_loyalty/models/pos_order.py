from odoo import models


class PosOrder(models.Model):
    _inherit = "pos.order"

    def _client_base_refresh_status(self, cause):
        # a purchase at the till moves the customer's card tier too
        res = super()._client_base_refresh_status(cause)
        orders = self.filtered("partner_id")
        if orders:
            self.env["loyalty.card"].sudo()._client_tier_refresh(
                orders.company_id,
                partner_ids=orders.partner_id.commercial_partner_id.ids,
                trigger="pos",
            )
        return res

    def confirm_coupon_programs(self, coupon_data):
        # a client card handed over at the till (created for the customer, or
        # a card sold and linked to them there) starts the questionnaire
        res = super().confirm_coupon_programs(coupon_data)
        issued = (
            self.env["loyalty.card"]
            .sudo()
            .search(
                [("source_pos_order_id", "=", self.id), ("partner_id", "!=", False)]
            )
        )
        issued._client_questionnaire_at_issue_by_consent(
            lambda env: env._("at the till (%s)", self.name)
        )
        return res

    def _check_existing_loyalty_cards(self, coupon_data):
        """Odoo's till reuses a loyalty card of the exact customer; a client
        keeps one card of a card program, which its contacts share. A card the
        till would create for a contact of a client holding one already is
        that card: the paid order collects its points there and never fails
        on the one-card rule."""
        Program = self.env["loyalty.program"].sudo()
        Partner = self.env["res.partner"].sudo()
        Card = self.env["loyalty.card"].sudo()
        for key, values in list(coupon_data.items()):
            if key > 0 or values.get("giftCardId") or not values.get("partner_id"):
                continue
            program = Program.browse(values.get("program_id")).exists()
            partner = Partner.browse(values["partner_id"]).exists()
            if program.client_issue_kind != "card" or not partner:
                continue
            card = Card.search(
                [
                    ("program_id", "=", program.id),
                    ("partner_id", "child_of", partner.commercial_partner_id.id),
                ],
                limit=1,
            )
            if not card:
                continue
            values = coupon_data.pop(key)
            held = coupon_data.get(card.id)
            if held:  # already on the order: one card, the points added
                held["points"] = held.get("points", 0) + values.get("points", 0)
                held["line_codes"] = [
                    *held.get("line_codes", []),
                    *values.get("line_codes", []),
                ]
            else:
                coupon_data[card.id] = {**values, "coupon_id": card.id}
        return super()._check_existing_loyalty_cards(coupon_data)
