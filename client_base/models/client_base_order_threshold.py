from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .client_base_status_history import STATUSES


class ClientBaseOrderThreshold(models.Model):
    """A minimum order amount, for a client's first order and for repeat orders.

    The most specific matching rule applies: one for the client, then one for the
    order's pricelist, then one for a category (tag) of the client, then one for
    its lifecycle status, then the company-wide one; among equals, by sequence.
    """

    _name = "client.base.order.threshold"
    _inherit = "client.base.client.scope"
    _description = "Minimum Order Threshold"
    _order = "company_id, sequence, id"

    name = fields.Char(compute="_compute_name", store=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        domain="[('is_company', '=', True)]",
        help="Only this client (its contacts and addresses included).",
    )
    pricelist_id = fields.Many2one("product.pricelist")
    category_id = fields.Many2one(
        "res.partner.category",
        string="Client Category",
        help="Clients with this tag.",
    )
    client_status = fields.Selection(STATUSES, string="Lifecycle Status")
    amount_first = fields.Monetary(
        string="First Order Minimum",
        currency_field="currency_id",
        help="Untaxed minimum of a client's first confirmed order in the company, "
        "in company currency. 0 welcomes any trial order.",
    )
    amount_repeat = fields.Monetary(
        string="Repeat Order Minimum",
        currency_field="currency_id",
        help="Untaxed minimum of every later order, in company currency.",
    )
    note = fields.Text(
        help="Why this threshold: shown to nobody but managers.",
        groups="client_base.group_client_base_manager",
    )

    @api.model
    def _scope_fields(self):
        return [
            "partner_id",
            "pricelist_id",
            "category_id",
            "client_status",
            *super()._scope_fields(),
        ]

    @api.depends(
        "partner_id", "pricelist_id", "category_id", "client_status", "company_id"
    )
    def _compute_name(self):
        for rule in self:
            rule.name = rule._scope_label()

    @api.constrains("amount_first", "amount_repeat")
    def _check_amounts(self):
        for rule in self:
            if rule.amount_first < 0 or rule.amount_repeat < 0:
                raise ValidationError(
                    self.env._("A minimum order amount cannot be negative.")
                )

    @api.constrains(
        "company_id", "partner_id", "pricelist_id", "category_id", "client_status"
    )
    def _check_scope(self):
        for rule in self:
            for fname in ("pricelist_id", "partner_id", "category_id"):
                record = rule[fname]
                if "company_id" in record._fields and record.company_id not in (
                    rule.company_id,
                    self.env["res.company"],
                ):
                    raise ValidationError(
                        self.env._(
                            "%(record)s belongs to another company than the rule.",
                            record=record.display_name,
                        )
                    )
            domain = rule._same_scope_domain()
            if self.with_context(active_test=False).search_count(domain, limit=1):
                raise ValidationError(
                    self.env._(
                        "A minimum order rule for “%s” already exists in this "
                        "company: change that one instead.",
                        rule.name,
                    )
                )

    def action_preview(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("What Would This Rule Have Blocked?"),
            "res_model": "client.base.threshold.preview",
            "view_mode": "form",
            "target": "new",
            "context": {"default_rule_id": self.id},
        }
