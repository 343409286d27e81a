from odoo import api, fields, models
from odoo.exceptions import ValidationError


class LoyaltyProgram(models.Model):
    _inherit = "loyalty.program"

    client_issue_kind = fields.Selection(
        [("card", "Card"), ("invitation", "Invitation"), ("gift", "Gift")],
        string="Issued to Clients As",
        help="A card is the client's own (one per client, its discount and "
        "points shared by all the client's contacts and addresses); an "
        "invitation or a gift is a coupon, a client may receive several.",
    )
    client_questionnaire_at_issue = fields.Selection(
        [
            ("none", "No questionnaire"),
            ("email", "Send it by email"),
            ("counter", "Open it to fill in with the client"),
        ],
        string="Questionnaire at Issue",
        default="none",
        required=True,
    )
    client_points_at_issue = fields.Float(
        string="Points at Issue",
        help="Points the card or coupon holds when it is handed over.",
    )
    client_tier_ids = fields.One2many(
        "client.base.loyalty.tier", "program_id", string="Tiers"
    )
    client_tier_months = fields.Integer(
        string="Tier Period (Months)",
        default=12,
        help="Tiers follow the client's untaxed spend over this many months.",
    )
    client_card_holder_count = fields.Integer(
        string="Clients Holding", compute="_compute_client_card_holder_count"
    )

    _sql_constraints = [  # noqa: RUF012
        (
            "client_tier_months_positive",
            "CHECK (client_tier_months > 0)",
            "The tier period is at least one month.",
        ),
        (
            "client_points_at_issue_positive",
            "CHECK (client_points_at_issue >= 0)",
            "Points at issue cannot be negative.",
        ),
    ]

    def _compute_client_card_holder_count(self):
        counts = dict(
            self.env["loyalty.card"]._read_group(
                [("program_id", "in", self.ids), ("partner_id", "!=", False)],
                ["program_id"],
                ["partner_id:count_distinct"],
            )
        )
        for program in self:
            program.client_card_holder_count = counts.get(program, 0)

    @api.constrains("client_issue_kind", "program_type")
    def _check_client_issue_kind(self):
        for program in self:
            if (
                program.client_issue_kind == "card"
                and program.program_type != "loyalty"
            ):
                raise ValidationError(
                    self.env._(
                        "%(program)s cannot be issued as a client card: cards "
                        "are Loyalty Cards programs (a client keeps one and "
                        "collects points on it).",
                        program=program.name,
                    )
                )
            if program.client_tier_ids and program.client_issue_kind != "card":
                raise ValidationError(
                    self.env._(
                        "%(program)s has tiers: it must stay a client card program.",
                        program=program.name,
                    )
                )

    def action_open_client_card_issue(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Issue to a Client"),
            "res_model": "client.base.card.issue",
            "view_mode": "form",
            "target": "new",
            "context": {"default_program_id": self.id},
        }

    def action_open_client_tier_history(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "client_base_loyalty.client_base_loyalty_tier_history_action"
        )
        action["domain"] = [("program_id", "=", self.id)]
        return action
