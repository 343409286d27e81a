# One file per feature of the model (see the module's other files of it).
# pylint: disable=consider-merging-classes-inherited
from datetime import date

from odoo import api, fields, models
from odoo.exceptions import ValidationError

# What the profile completeness reads (see _get_completeness_checks).
PROFILE_FIELDS = (
    "is_company", "vat", "street", "city", "country_id", "industry_id", "phone",
    "mobile", "email", "client_business_size", "client_product_usage",
    "client_plans", "child_ids.client_is_decision_maker",
)  # fmt: skip


class ResPartner(models.Model):
    """The client's profile: general data anyone sees, what a salesperson
    learns (business size, usage, plans), round dates, product preferences,
    the last data check, and how complete it all is."""

    _inherit = "res.partner"

    # Data verification (contact standards: res_partner_contact.py)
    client_last_verified_date = fields.Date(
        string="Data Verified On",
        readonly=True,
        copy=False,
        tracking=True,
        groups="client_base.group_client_base_user",
    )

    client_product_preference_ids = fields.One2many(
        "client.base.product.preference",
        "partner_id",
        string="Buys Most",
        groups="client_base.group_client_base_user",
    )

    client_top_categories = fields.Char(
        string="Top Categories",
        compute="_compute_client_top_categories",
        groups="client_base.group_client_base_user",
        help="Product categories the client bought most in the last 12 months, "
        "with their share of its revenue.",
    )

    # Profile: general data anyone can see, specific data a salesperson learns.
    client_business_size = fields.Selection(
        [
            ("micro", "Micro (up to 10 people)"),
            ("small", "Small (10-50)"),
            ("medium", "Medium (50-250)"),
            ("large", "Large (over 250)"),
        ],
        string="Business Size",
    )

    client_product_usage = fields.Text(
        string="How They Use Our Products",
        groups="client_base.group_client_base_user",
    )

    client_plans = fields.Text(
        string="Plans", groups="client_base.group_client_base_user"
    )

    # Round dates (client.base.round.date)
    client_birthday = fields.Date(
        string="Birthday", groups="client_base.group_client_base_user"
    )

    client_foundation_date = fields.Date(
        string="Founded On",
        groups="client_base.group_client_base_user",
        help="The company's foundation date: its anniversaries are round dates.",
    )

    client_is_decision_maker = fields.Boolean(
        string="Decision Maker", help="This contact decides on purchases."
    )

    client_completeness = fields.Integer(
        string="Profile Completeness",
        compute="_compute_client_completeness",
        store=True,
        aggregator="avg",
        help="Share of the client's general and specific data that is filled in.",
    )

    client_missing_info = fields.Char(
        string="Missing", compute="_compute_client_missing_info"
    )

    @api.model
    def _get_completeness_checks(self):
        """(label, applies to companies only, test) of each profile item.

        A hook: add or drop items without copying the computation.
        """
        return [
            (self.env._("Tax ID"), True, lambda p: p.vat),
            (
                self.env._("Address"),
                False,
                lambda p: p.street and p.city and p.country_id,
            ),
            (self.env._("Industry"), True, lambda p: p.industry_id),
            (
                self.env._("Phone or email"),
                False,
                lambda p: p.phone or p.mobile or p.email,
            ),
            (self.env._("Business size"), True, lambda p: p.client_business_size),
            (
                self.env._("How they use our products"),
                False,
                lambda p: p.sudo().client_product_usage,
            ),
            (
                self.env._("Decision makers"),
                True,
                lambda p: p.child_ids.filtered("client_is_decision_maker"),
            ),
            (self.env._("Plans"), True, lambda p: p.sudo().client_plans),
        ]

    @api.depends(*PROFILE_FIELDS)
    def _compute_client_completeness(self):
        checks = self._get_completeness_checks()
        for partner in self:
            applicable, missing = partner._client_base_profile_gaps(checks)
            partner.client_completeness = round(
                100 * (applicable - len(missing)) / applicable
            )

    @api.depends(*PROFILE_FIELDS)
    def _compute_client_missing_info(self):
        checks = self._get_completeness_checks()
        for partner in self:
            missing = partner._client_base_profile_gaps(checks)[1]
            partner.client_missing_info = ", ".join(missing) or False

    def _client_base_profile_gaps(self, checks):
        """(number of applicable items, labels of the missing ones)."""
        self.ensure_one()
        applicable = [
            (label, test)
            for label, companies_only, test in checks
            if self.is_company or not companies_only
        ]
        return len(applicable), [label for label, test in applicable if not test(self)]

    @api.depends_context("company")
    def _compute_client_top_categories(self):
        groups = self.env["client.base.product.preference"]._read_group(
            [("partner_id", "in", self.ids), ("company_id", "=", self.env.company.id)],
            ["partner_id", "categ_id"],
            ["revenue:sum"],
        )
        by_partner = {}
        for partner, category, revenue in groups:
            by_partner.setdefault(partner, []).append((revenue, category.display_name))
        for partner in self:
            rows = sorted(by_partner.get(partner, []), reverse=True)
            total = sum(revenue for revenue, _name in rows)
            partner.client_top_categories = (
                ", ".join(
                    f"{name} ({revenue / total:.0%})" for revenue, name in rows[:3]
                )
                if total > 0
                else False
            )

    @api.constrains("client_birthday", "client_foundation_date")
    def _check_client_dates(self):
        today = fields.Date.context_today(self)
        for partner in self.sudo():
            for fname in ("client_birthday", "client_foundation_date"):
                value = partner[fname]
                if value and not (date(1900, 1, 1) <= value <= today):
                    raise ValidationError(
                        self.env._(
                            "%(field)s of %(partner)s must be a past date, from "
                            "1900 on.",
                            field=self._fields[fname]._description_string(self.env),
                            partner=partner.display_name,
                        )
                    )
