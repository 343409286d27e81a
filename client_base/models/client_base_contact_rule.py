from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .client_base_status_history import STATUSES
from .res_company import MAX_DAYS

KINDS = [("contact", "Contact"), ("verification", "Data Verification")]


class ClientBaseContactRule(models.Model):
    """A contact standard: how often clients must be contacted, or how often
    their data must be re-verified.

    A rule may be limited to a lifecycle status and/or a client category (tag);
    a client follows the strictest matching rule of each kind (the shortest
    interval). Clients no rule matches have no next contact date.
    """

    _name = "client.base.contact.rule"
    _inherit = "client.base.client.scope"
    _description = "Contact Standard"
    _order = "company_id, kind, sequence, id"

    name = fields.Char(compute="_compute_name", store=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    kind = fields.Selection(KINDS, required=True, default="contact")
    client_status = fields.Selection(STATUSES, string="Lifecycle Status")
    category_id = fields.Many2one(
        "res.partner.category", string="Client Category", help="Clients with this tag."
    )
    interval_days = fields.Integer(
        string="Every (days)",
        required=True,
        default=30,
        help="Days between two contacts (or verifications) of a client.",
    )

    @api.model
    def _scope_fields(self):
        return ["client_status", "category_id", *super()._scope_fields()]

    @api.depends("kind", "client_status", "category_id", "interval_days")
    def _compute_name(self):
        for rule in self:
            rule.name = self.env._(
                "%(scope)s: every %(days)s days",
                scope=rule._scope_label(),
                days=rule.interval_days,
            )

    @api.constrains("interval_days")
    def _check_interval(self):
        self._check_interval_values([rule.interval_days for rule in self])

    def _check_interval_values(self, values):
        # also before create: a number beyond the database's integers would
        # otherwise fail there, before any constraint
        if any(not 1 <= (value or 0) <= MAX_DAYS for value in values):
            raise ValidationError(
                self.env._(
                    "A contact standard's interval is a number of days from 1 to "
                    "%s (ten years).",
                    MAX_DAYS,
                )
            )

    @api.constrains("company_id", "kind", "client_status", "category_id", "active")
    def _check_scope(self):
        for rule in self:
            domain = [*rule._same_scope_domain(), ("kind", "=", rule.kind)]
            if self.with_context(active_test=False).search_count(domain, limit=1):
                raise ValidationError(
                    self.env._(
                        "A contact standard of this kind already exists for this scope "
                        "in the company: change that one instead."
                    )
                )

    # the clients' next contact dates follow the rules: recomputed for every
    # client of the company by a job triggered at once (seconds on a large base)

    @api.model_create_multi
    def create(self, vals_list):
        self._client_base_check_values(vals_list)
        self._check_interval_values(
            [vals["interval_days"] for vals in vals_list if "interval_days" in vals]
        )
        rules = super().create(vals_list)
        self._trigger_contact_refresh()
        return rules

    def write(self, vals):
        res = super().write(vals)
        self._trigger_contact_refresh()
        return res

    def unlink(self):
        res = super().unlink()
        self._trigger_contact_refresh()
        return res

    @api.model
    def _trigger_contact_refresh(self):
        self.env.ref("client_base.ir_cron_client_contact_refresh")._trigger()
