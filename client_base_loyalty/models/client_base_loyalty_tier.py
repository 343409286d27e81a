import math
from itertools import pairwise

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import formatLang

# spends are below a trillion: far above any real one, and still exact to the
# cent in a float
MAX_AMOUNT = 10**12


class ClientBaseLoyaltyTier(models.Model):
    """A step of a card program's ladder (silver, gold …): clients whose spend
    over the program's rolling period reaches the step hold it, with its own
    discount. Odoo's loyalty has no tiers; the discount is an ordinary
    ``loyalty.reward`` of the program, reserved to the tier's card holders."""

    _name = "client.base.loyalty.tier"
    _description = "Loyalty Tier"
    _order = "program_id, minimum_spend, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    program_id = fields.Many2one(
        "loyalty.program",
        required=True,
        ondelete="cascade",
        index=True,
        domain="[('client_issue_kind', '=', 'card')]",
    )
    company_id = fields.Many2one(related="program_id.company_id", store=True)
    currency_id = fields.Many2one(related="program_id.currency_id")
    # a ladder's steps do not add up: no sum in groups
    minimum_spend = fields.Monetary(
        string="From Spend",
        required=True,
        aggregator=False,
        help="Untaxed spend of the client over the program's tier period, in the "
        "company currency, from which the tier is held.",
    )
    discount = fields.Float(
        string="Discount (%)",
        required=True,
        aggregator=False,
        help="The tier's discount on the whole order, claimed from the quotation's "
        "Rewards button like any reward of the program.",
    )
    reward_id = fields.Many2one("loyalty.reward", readonly=True, ondelete="set null")
    card_count = fields.Integer(string="Cards", compute="_compute_card_count")

    def _compute_card_count(self):
        counts = dict(
            self.env["loyalty.card"]._read_group(
                [("client_tier_id", "in", self.ids)], ["client_tier_id"], ["__count"]
            )
        )
        for tier in self:
            tier.card_count = counts.get(tier, 0)

    def action_open_cards(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "client_base_loyalty.loyalty_card_action_client_base"
        )
        action["domain"] = [("client_tier_id", "=", self.id)]
        action["context"] = {"create": False}
        return action

    @api.constrains("minimum_spend", "discount")
    def _check_values(self):
        for tier in self:
            tier._check_spend(tier.name, tier.minimum_spend)
            if not 0 < tier.discount <= 100:
                raise ValidationError(
                    self.env._(
                        "The discount of tier %s is a percentage above 0 and at "
                        "most 100.",
                        tier.name,
                    )
                )

    def _check_spend(self, name, spend):
        # also before create and write: an infinite or huge spend fails its
        # rounding to the currency before any constraint
        try:
            spend = float(spend or 0)
        except (TypeError, ValueError):
            spend = math.nan
        if not 0 < spend < MAX_AMOUNT:
            raise ValidationError(
                self.env._(
                    "Tier %(tier)s starts from a spend above 0 and below %(max)s.",
                    tier=name or "",
                    max=formatLang(self.env, MAX_AMOUNT, digits=0),
                )
            )

    @api.constrains("minimum_spend", "discount", "program_id")
    def _check_ladder(self):
        """Each step asks for more spend and gives more discount than the one
        below it: a ladder that is not increasing would demote by promoting."""
        for program in self.program_id:
            steps = program.client_tier_ids.sorted("minimum_spend")
            for lower, upper in pairwise(steps):
                if upper.minimum_spend <= lower.minimum_spend:
                    raise ValidationError(
                        self.env._(
                            "Tiers %(lower)s and %(upper)s of %(program)s start "
                            "from the same spend: each tier needs a higher spend.",
                            lower=lower.name,
                            upper=upper.name,
                            program=program.name,
                        )
                    )
                if upper.discount <= lower.discount:
                    raise ValidationError(
                        self.env._(
                            "Tier %(upper)s of %(program)s needs more spend than "
                            "%(lower)s but gives no higher discount: the ladder "
                            "must increase.",
                            lower=lower.name,
                            upper=upper.name,
                            program=program.name,
                        )
                    )

    @api.constrains("program_id")
    def _check_program(self):
        for tier in self:
            if tier.program_id.client_issue_kind != "card":
                raise ValidationError(
                    self.env._(
                        "Tiers belong to card programs: set %(program)s to be "
                        "issued to clients as a card first.",
                        program=tier.program_id.name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        self._client_base_check_values(vals_list)
        for vals in vals_list:
            if "minimum_spend" in vals:
                self._check_spend(vals.get("name"), vals["minimum_spend"])
        tiers = super().create(vals_list)
        tiers._sync_reward()
        return tiers

    def write(self, vals):
        self._client_base_check_values([vals])
        if "minimum_spend" in vals:
            for tier in self:
                tier._check_spend(vals.get("name", tier.name), vals["minimum_spend"])
        res = super().write(vals)
        if {"name", "discount", "program_id"} & set(vals):
            self._sync_reward()
        return res

    def unlink(self):
        # Orders keep their reward lines (the reward is restricted on them):
        # a removed tier's reward is archived, not deleted.
        self.reward_id.sudo().action_archive()
        return super().unlink()

    def _reward_values(self):
        self.ensure_one()
        costs = (self.program_id.reward_ids - self.reward_id).mapped("required_points")
        # Formatted outside the translated call: Odoo's term extractor cannot
        # read an f-string among its arguments and would skip the whole file.
        discount = f"{self.discount:g}"
        return {
            "program_id": self.program_id.id,
            "reward_type": "discount",
            "discount_mode": "percent",
            "discount": self.discount,
            "discount_applicability": "order",
            "required_points": min(costs, default=1),
            "description": self.env._(
                "%(tier)s: %(discount)s%% on your order",
                tier=self.name,
                discount=discount,
            ),
            "client_tier_id": self.id,
        }

    def _sync_reward(self):
        """Keep the tier's reward the tier's discount, costing what the
        program's other rewards cost (a card program's discount is usually
        earned back by the order that claims it).

        The reward is the tier's own: a Client Base manager who may edit the
        tier keeps it in line without the Sales administrator's right on
        rewards."""
        for tier in self:
            values = tier._reward_values()
            if tier.reward_id:
                tier.reward_id.sudo().write(values)
            else:
                tier.reward_id = self.env["loyalty.reward"].sudo().create(values)
