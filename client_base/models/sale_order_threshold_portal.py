# One file per feature of the model (see the module's other files of it).
# pylint: disable=consider-merging-classes-inherited
from odoo import models
from odoo.tools import format_amount


class SaleOrder(models.Model):
    """Minimum order thresholds on the customer portal and in online payment, and
    the manager a refused salesperson turns to."""

    _inherit = "sale.order"

    def _has_to_be_signed(self):
        # Odoo stores the signature before it confirms: refusing at confirmation
        # would be too late, so a quotation below its minimum cannot be signed.
        return super()._has_to_be_signed() and not self.client_below_threshold

    def _has_to_be_paid(self):
        return super()._has_to_be_paid() and not self.client_below_threshold

    def _client_threshold_portal_message(self):
        """What the customer reads on a quotation below its minimum order."""
        self.ensure_one()
        currency = self.company_id.currency_id
        return self.env._(
            "This quotation is below the minimum order amount of %(threshold)s "
            "(%(gap)s missing, before taxes): it can be neither accepted nor paid "
            "online yet. Please complete it or contact your salesperson.",
            threshold=format_amount(self.env, self.client_threshold, currency),
            gap=format_amount(self.env, self.client_threshold_gap, currency),
        )

    def _client_threshold_confirm_paid(self, transaction):
        """Orders of ``self`` paid online below their minimum: confirmation
        goes on (money is never left without an order) with an automatic
        override logged and an activity for a manager."""
        blocked = self._client_threshold_blocked()
        Override = self.env["client.base.threshold.override"].sudo()
        for order, (rule, first, amount, threshold) in blocked.items():
            Override.create(
                {
                    "order_id": order.id,
                    "rule_id": rule.id,
                    "reason": "payment",
                    "note": transaction.reference,
                    "threshold": threshold,
                    "amount": amount,
                    "first_order": first,
                    "automatic": True,
                }
            )
            manager = order._client_threshold_manager()
            # The payment runs in the client's language; the note and the
            # activity are read by the company's staff.
            staff = order.with_context(lang=order.partner_id._client_staff_lang())
            for_manager = order.with_context(lang=manager.lang or staff.env.lang)
            order.sudo().message_post(
                body=staff._client_threshold_paid_note(transaction, amount, threshold)
            )
            order.sudo().activity_schedule(
                "mail.mail_activity_data_todo",
                summary=for_manager.env._("Order paid below the minimum"),
                note=for_manager._client_threshold_paid_note(
                    transaction, amount, threshold
                ),
                user_id=manager.id,
            )

    def _client_threshold_paid_note(self, transaction, amount, threshold):
        currency = self.company_id.currency_id
        return self.env._(
            "Paid online (%(reference)s) below the minimum order of "
            "%(threshold)s (%(amount)s counted): confirmed with an automatic "
            "override.",
            reference=transaction.reference,
            threshold=format_amount(self.env, threshold, currency),
            amount=format_amount(self.env, amount, currency),
        )

    def _client_threshold_manager(self):
        """Who answers for an order confirmed below its minimum without a
        person's override: its team leader when a Client Base manager, else a
        Client Base manager of the company, else its salesperson."""
        self.ensure_one()
        managers = self.env.ref("client_base.group_client_base_manager").sudo().users
        leader = self.team_id.user_id
        if leader in managers:
            return leader
        company_managers = managers.filtered(
            lambda user: self.company_id in user.company_ids and not user.share
        )
        return company_managers[:1] or self.user_id or self.env.user

    def action_open_threshold_request(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Ask a Manager"),
            "res_model": "client.base.threshold.request",
            "view_mode": "form",
            "target": "new",
            "context": {"default_order_id": self.id},
        }

    def action_open_threshold_override(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Confirm Below the Minimum"),
            "res_model": "client.base.threshold.override.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_order_ids": self.ids},
        }
