from odoo import api, fields, models
from odoo.exceptions import AccessError

OVERRIDE_REASONS = [
    ("trial", "Trial order of a prospect"),
    ("strategic", "Strategic client"),
    ("clearance", "Stock clearance"),
    ("complaint", "Compensation for a complaint"),
    ("payment", "Paid online below the minimum"),
    ("other", "Other"),
]


class ClientBaseThresholdOverride(models.Model):
    """An order confirmed below its minimum: who allowed it, why, and by how much.

    Written by the override wizard (for those allowed to sell below the minimum)
    or automatically when a customer paid a quotation online below it.
    """

    _name = "client.base.threshold.override"
    _description = "Minimum Order Override"
    _order = "create_date desc, id desc"
    _rec_name = "order_id"

    order_id = fields.Many2one(
        "sale.order", required=True, ondelete="cascade", index=True, readonly=True
    )
    company_id = fields.Many2one(related="order_id.company_id", store=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    salesperson_id = fields.Many2one(
        related="order_id.user_id", store=True, string="Salesperson"
    )
    partner_id = fields.Many2one(
        related="order_id.partner_id.commercial_partner_id",
        store=True,
        string="Client",
    )
    rule_id = fields.Many2one("client.base.order.threshold", readonly=True)
    reason = fields.Selection(OVERRIDE_REASONS, required=True, readonly=True)
    note = fields.Text(readonly=True)
    threshold = fields.Monetary(currency_field="currency_id", readonly=True)
    amount = fields.Monetary(
        string="Order Amount", currency_field="currency_id", readonly=True
    )
    gap = fields.Monetary(
        compute="_compute_gap", store=True, currency_field="currency_id"
    )
    first_order = fields.Boolean(readonly=True)
    automatic = fields.Boolean(
        readonly=True, help="Confirmed by an online payment, not by a person."
    )

    @api.depends("threshold", "amount")
    def _compute_gap(self):
        for override in self:
            override.gap = override.threshold - override.amount

    @api.model_create_multi
    def create(self, vals_list):
        # Only those allowed to sell below the minimum, whatever the path; the
        # online payment path writes automatic overrides as the system.
        if not self.env.su and not self.env.user.has_group(
            "client_base.group_client_base_threshold_override"
        ):
            raise AccessError(
                self.env._("You are not allowed to sell below the minimum order.")
            )
        return super().create(vals_list)
