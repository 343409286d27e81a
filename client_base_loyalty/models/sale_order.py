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
            client_base_card_compute=True
        )._program_check_compute_points(program)[program]
        return status.get("points", [0])[0] if "points" in status else 0

    def _client_base_card_points_by_card(self):
        """``{card id: points}`` this order earns on the held client cards
        applied to it. Computed once per update of the order's programs (Odoo
        computes its own programs' points once too), else on demand."""
        self.ensure_one()
        cached = self.env.context.get("client_base_card_points")
        if cached and cached[0] == self.id:
            return dict(cached[1])
        held = self._client_base_held_cards() & self.applied_coupon_ids
        return {card.id: self._client_base_card_points(card) for card in held}

    def _client_base_drop_foreign_cards(self):
        """Client cards applied to the order but held by another client (the
        order's customer changed): the card and its reward lines leave."""
        client = self.partner_id.commercial_partner_id
        foreign = self.applied_coupon_ids.filtered(
            lambda card: (
                card.program_id.client_issue_kind == "card"
                and card.partner_id
                and card.partner_id.commercial_partner_id != client
            )
        )
        if foreign:
            self.order_line.filtered(lambda line: line.coupon_id in foreign).unlink()
            self.applied_coupon_ids -= foreign

    def _client_base_drop_stale_tier_rewards(self):
        """Reward lines of a tier the card no longer holds (the client was
        demoted since the reward was claimed): sale_loyalty would re-apply
        them at every update, so they are removed."""
        stale = self.order_line.filtered(
            lambda line: (
                line.reward_id.client_tier_id
                and line.reward_id.client_tier_id != line.coupon_id.client_tier_id
            )
        )
        if stale:
            stale.unlink()

    def _update_programs_and_rewards(self):
        self.ensure_one()
        self._client_base_drop_foreign_cards()
        cards = self._client_base_held_cards()
        if cards - self.applied_coupon_ids:
            self.applied_coupon_ids |= cards
        points = tuple(
            (card.id, self._client_base_card_points(card))
            for card in cards & self.applied_coupon_ids
        )
        res = super(
            SaleOrder, self.with_context(client_base_card_points=(self.id, points))
        )._update_programs_and_rewards()
        self._client_base_drop_stale_tier_rewards()
        return res

    def _program_check_compute_points(self, programs):
        """Client card programs give points only to the client's issued card:
        Odoo would otherwise create a card for any buyer, or a second one for
        a contact of a client that holds one. The client's card earns its
        points through ``_get_real_points_for_coupon`` and
        ``_get_point_changes``."""
        result = super()._program_check_compute_points(programs)
        if self.env.context.get("client_base_card_compute"):
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
        ):
            points += self._client_base_card_points_by_card().get(coupon.id, 0)
        return coupon.currency_id.round(points)

    def _get_point_changes(self):
        """At confirmation the held cards earn the points computed now; at
        cancellation they lose what was recorded when the order was confirmed
        (``client_base_card_issued``), whatever the program says today."""
        changes = super()._get_point_changes()
        Card = self.env["loyalty.card"]
        issued = self.env.context.get("client_base_card_issued")
        if issued is not None:
            for order_id, card_id, points in issued:
                if order_id in self.ids:
                    changes[Card.browse(card_id)] += points
            return changes
        for order in self:
            for card_id, points in order._client_base_card_points_by_card().items():
                changes[Card.browse(card_id)] += points
        return changes

    def _add_loyalty_history_lines(self):
        res = super()._add_loyalty_history_lines()
        for card_id, issued in self._client_base_card_points_by_card().items():
            if not issued:
                continue
            history = self.env["loyalty.history"].search(
                [
                    ("card_id", "=", card_id),
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
                        "card_id": card_id,
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
        self._client_base_refresh_tiers("order")
        return res

    def _action_cancel(self):
        confirmed = self.filtered(lambda order: order.state == "sale")
        issued = ()
        if confirmed:
            history = (
                self.env["loyalty.history"]
                .sudo()
                .search(
                    [
                        ("order_model", "=", self._name),
                        ("order_id", "in", confirmed.ids),
                        ("card_id.program_id.client_issue_kind", "=", "card"),
                    ]
                )
            )
            orders = {order.id: order for order in confirmed}
            issued = tuple(
                (line.order_id, line.card_id.id, line.issued)
                for line in history
                if line.issued
                and line.card_id not in orders[line.order_id].coupon_point_ids.coupon_id
            )
        res = super(
            SaleOrder, self.with_context(client_base_card_issued=issued)
        )._action_cancel()
        confirmed._client_base_refresh_tiers("cancel")
        return res

    def _client_base_refresh_tiers(self, trigger):
        """Tiers of the orders' clients follow their confirmed orders."""
        if self:
            self.env["loyalty.card"].sudo()._client_tier_refresh(
                self.company_id,
                partner_ids=self.partner_id.commercial_partner_id.ids,
                trigger=trigger,
            )
