from odoo import fields, models
from odoo.exceptions import UserError


class ResPartner(models.Model):
    _inherit = "res.partner"

    client_loyalty_card_ids = fields.One2many(
        "loyalty.card",
        compute="_compute_client_loyalty",
        string="Client Cards and Coupons",
        groups="client_base.group_client_base_user",
    )
    client_loyalty_card_count = fields.Integer(
        string="Client Cards",
        compute="_compute_client_loyalty",
        groups="client_base.group_client_base_user",
    )
    client_loyalty_points = fields.Float(
        string="Card Points",
        compute="_compute_client_loyalty",
        groups="client_base.group_client_base_user",
        help="Points on the client's cards (cards of client card programs).",
    )
    client_loyalty_tier_ids = fields.Many2many(
        "client.base.loyalty.tier",
        string="Loyalty Tier",
        compute="_compute_client_loyalty",
        search="_search_client_loyalty_tier_ids",
        groups="client_base.group_client_base_user",
        help="Tiers held by the client's cards; contacts share their client's.",
    )
    client_loyalty_tier_history_ids = fields.One2many(
        "client.base.loyalty.tier.history",
        "partner_id",
        string="Tier Changes",
        groups="client_base.group_client_base_user",
    )
    client_offer_log_ids = fields.One2many(
        "client.base.loyalty.offer.log",
        "client_id",
        string="Occasion Offers",
        groups="client_base.group_client_base_user",
    )

    def _client_badge(self):
        # the tier of the client's card, at a glance
        badges = super()._client_badge()
        companies = (False, self.env.company.id)
        for partner in self.sudo().filtered(lambda p: p.id in badges):
            tiers = partner.commercial_partner_id.client_loyalty_tier_ids
            for tier in tiers.filtered(lambda t: t.company_id.id in companies):
                badges[partner.id].append(
                    {"kind": "tier", "value": tier.id, "label": tier.name}
                )
        return badges

    def _compute_client_loyalty(self):
        """The cards and coupons of the client and of its people."""
        clients = self.commercial_partner_id
        cards = self.env["loyalty.card"].search(
            [("partner_id", "child_of", clients.ids)]
        )
        for partner in self:
            client = partner.commercial_partner_id
            mine = cards.filtered(
                lambda card, client=client: (
                    card.partner_id.commercial_partner_id == client
                )
            )
            client_cards = mine.filtered(lambda c: c.client_issue_kind == "card")
            partner.client_loyalty_card_ids = mine
            partner.client_loyalty_card_count = len(mine)
            partner.client_loyalty_points = sum(client_cards.mapped("points"))
            partner.client_loyalty_tier_ids = client_cards.client_tier_id

    def _search_client_loyalty_tier_ids(self, operator, value):
        text_operators = {
            "ilike": "ilike",
            "not ilike": "ilike",
            "like": "like",
            "not like": "like",
            "=ilike": "=ilike",
            "=like": "=like",
        }
        if operator in text_operators:
            # "Loyalty Tier contains Gold": the tiers named so.
            tier_domain = [("name", text_operators[operator], value)]
            positive = not operator.startswith("not")
        elif operator in ("any", "not any"):
            tier_domain = value
            positive = operator == "any"
        elif value is False:
            tier_domain = []
            positive = operator in ("!=", "not in")
        elif operator in ("in", "not in", "=", "!="):
            ids = value if isinstance(value, list | tuple) else [value]
            tier_domain = [("id", "in", ids)]
            positive = operator in ("in", "=")
        else:
            raise UserError(
                self.env._("Loyalty tiers cannot be searched with %s.", operator)
            )
        holders = (
            self.env["loyalty.card"]
            .sudo()
            ._search(
                [("client_tier_id", "any", tier_domain), ("partner_id", "!=", False)]
            )
            .subselect("partner_id")
        )
        clients = (
            self.sudo()
            ._search([("id", "in", holders)])
            .subselect("commercial_partner_id")
        )
        return [("commercial_partner_id", "in" if positive else "not in", clients)]

    def action_open_client_card_issue(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Issue a Card"),
            "res_model": "client.base.card.issue",
            "view_mode": "form",
            "target": "new",
            "context": {"default_partner_id": self.commercial_partner_id.id},
        }

    def action_view_client_cards(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "loyalty.loyalty_card_action"
        )
        action["domain"] = [
            ("partner_id", "child_of", self.commercial_partner_id.ids),
        ]
        action["context"] = {"create": False}
        return action
