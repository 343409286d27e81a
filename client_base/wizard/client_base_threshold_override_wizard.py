from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import format_amount

from ..models.client_base_threshold_override import OVERRIDE_REASONS


class ClientBaseThresholdOverrideWizard(models.TransientModel):
    """Confirm orders below their minimum, with a reason kept in the order's
    chatter and in the override log."""

    _name = "client.base.threshold.override.wizard"
    _description = "Confirm Below the Minimum Order"

    order_ids = fields.Many2many("sale.order", string="Orders", required=True)
    reason = fields.Selection(
        [item for item in OVERRIDE_REASONS if item[0] != "payment"], required=True
    )
    note = fields.Text(required=True, help="What makes this order worth it.")

    @api.model
    def _check_allowed(self):
        if not self.env.user.has_group(
            "client_base.group_client_base_threshold_override"
        ):
            raise AccessError(
                self.env._("You are not allowed to sell below the minimum order.")
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_allowed()
        return super().create(vals_list)

    def action_confirm(self):
        self.ensure_one()
        self._check_allowed()
        blocked = self.order_ids._client_threshold_blocked()
        if not blocked:
            raise UserError(self.env._("These orders are not below their minimum."))
        Override = self.env["client.base.threshold.override"]
        for order, (rule, first, amount, threshold) in blocked.items():
            Override.create(
                {
                    "order_id": order.id,
                    "rule_id": rule.id,
                    "reason": self.reason,
                    "note": self.note,
                    "threshold": threshold,
                    "amount": amount,
                    "first_order": first,
                }
            )
            currency = order.company_id.currency_id
            order.message_post(
                body=self.env._(
                    "Confirmed below the minimum order (%(threshold)s, %(amount)s "
                    "counted) by %(user)s: %(reason)s. %(note)s",
                    threshold=format_amount(self.env, threshold, currency),
                    amount=format_amount(self.env, amount, currency),
                    user=self.env.user.name,
                    reason=dict(
                        self._fields["reason"]._description_selection(self.env)
                    )[self.reason],
                    note=self.note,
                )
            )
        self.order_ids.action_confirm()
        return {"type": "ir.actions.act_window_close"}
