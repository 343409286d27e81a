from odoo import fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _client_base_held_cards(self):
        """Client cards this order may use although Odoo would not see them:
        cards of client card programs held by the order's client (its
        commercial partner) while the order is for one of its contacts or
        addresses. Odoo matches nominative cards to the exact order partner;
        the client's card is shared by all its people."""
        self.ensure_one()
        client = self.partner_id.commercial_partner_id
        if not client or client == self.partner_id:
            return self.env["loyalty.card"]
        today = fields.Date.context_today(self)
        return (
            self.env["loyalty.card"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", client.id),
                    ("program_id.client_issue_kind", "=", "card"),
                    ("program_id", "any", self._get_program_domain()),
                    "|",
                    ("expiration_date", "=", False),
                    ("expiration_date", ">=", today),
                ]
            )
            .sudo(False)
        )

    def _client_base_card_points(self, card):
        """Points this order earns on the client's card: the program's rules
        computed as Odoo would for the card's own holder."""
        program = card.program_id
        status = self.with_context(
            client_base_card_points=True
        )._program_check_compute_points(program)[program]
        return status.get("points", [0])[0] if "points" in status else 0

    def _update_programs_and_rewards(self):
        for order in self:
            cards = order._client_base_held_cards() - order.applied_coupon_ids
            if cards:
                order.applied_coupon_ids += cards
        return super()._update_programs_and_rewards()

    def _program_check_compute_points(self, programs):
        """Client card programs give points only to the client's issued card:
        Odoo would otherwise create a card for any buyer, or a second one for
        a contact of a client that holds one. The client's card earns its
        points through ``_get_real_points_for_coupon`` and
        ``_get_point_changes``."""
        result = super()._program_check_compute_points(programs)
        if self.env.context.get("client_base_card_points"):
            return result
        card_programs = programs.filtered(lambda p: p.client_issue_kind == "card")
        if not card_programs:
            return result
        own = (
            self.env["loyalty.card"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", self.partner_id.id),
                    ("program_id", "in", card_programs.ids),
                ]
            )
            .program_id.sudo(False)
        )
        for program in card_programs - own:
            result[program] = {
                "error": self.env._(
                    "%(program)s is a client card: issue a card to the client "
                    "to use it.",
                    program=program.name,
                )
            }
        return result

    def _get_real_points_for_coupon(self, coupon, post_confirm=False):
        points = super()._get_real_points_for_coupon(coupon, post_confirm=post_confirm)
        if (
            coupon.program_id.client_issue_kind == "card"
            and coupon.program_id.applies_on != "future"
            and self.state not in ("sale", "done")
            and coupon in self._client_base_held_cards()
        ):
            points += self._client_base_card_points(coupon)
        return coupon.currency_id.round(points)

    def _get_point_changes(self):
        changes = super()._get_point_changes()
        for order in self:
            for card in order._client_base_held_cards() & order.applied_coupon_ids:
                changes[card] += order._client_base_card_points(card)
        return changes

    def _add_loyalty_history_lines(self):
        res = super()._add_loyalty_history_lines()
        cards = self._client_base_held_cards() & self.applied_coupon_ids
        for card in cards:
            issued = self._client_base_card_points(card)
            if not issued:
                continue
            history = self.env["loyalty.history"].search(
                [
                    ("card_id", "=", card.id),
                    ("order_model", "=", self._name),
                    ("order_id", "=", self.id),
                ],
                limit=1,
            )
            if history:
                history.issued += issued
            else:
                self.env["loyalty.history"].create(
                    {
                        "card_id": card.id,
                        "order_model": self._name,
                        "order_id": self.id,
                        "description": self.env._("Order %s", self.display_name),
                        "issued": issued,
                    }
                )
        return res

    def _get_claimable_rewards(self, forced_coupons=None):
        """Rewards reserved to a tier are claimable with cards holding it."""
        result = super()._get_claimable_rewards(forced_coupons=forced_coupons)
        for coupon in list(result):
            rewards = result[coupon].filtered(
                lambda r, coupon=coupon: (
                    not r.client_tier_id or r.client_tier_id == coupon.client_tier_id
                )
            )
            if rewards:
                result[coupon] = rewards
            else:
                del result[coupon]
        return result

    def _apply_program_reward(self, reward, coupon, **kwargs):
        if reward.client_tier_id and reward.client_tier_id != coupon.client_tier_id:
            return {
                "error": self.env._(
                    "%(reward)s is for %(tier)s card holders.",
                    reward=reward.description,
                    tier=reward.client_tier_id.name,
                )
            }
        return super()._apply_program_reward(reward, coupon, **kwargs)

    def _action_confirm(self):
        res = super()._action_confirm()
        for company in self.company_id:
            orders = self.filtered(lambda o, company=company: o.company_id == company)
            self.env["loyalty.card"].sudo()._client_tier_refresh(
                company,
                partner_ids=orders.partner_id.commercial_partner_id.ids,
                trigger="order",
            )
        return res
