from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError


class ClientBaseMarkLost(models.TransientModel):
    _name = "client.base.mark.lost"
    _description = "Mark Clients as Lost"

    partner_ids = fields.Many2many(
        "res.partner",
        string="Clients",
        required=True,
        # no field domain: Odoo applies it whenever it reads the clients back,
        # dropping silently who does not match (a person without a company,
        # once) instead of the checks below saying why; the view's domain only
        # narrows what the user can pick
    )
    churn_reason_id = fields.Many2one(
        "client.base.churn.reason",
        string="Reason",
        required=True,
        domain="[('is_system', '=', False), ('company_id', 'in', [company_id, False])]",
    )
    note = fields.Text(required=True, help="What the client said, or what you learned.")
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if (
            "partner_ids" in fields_list
            and not values.get("partner_ids")
            and self.env.context.get("active_model") == "res.partner"
        ):
            partners = self.env["res.partner"].browse(
                self.env.context.get("active_ids")
            )
            values["partner_ids"] = [
                fields.Command.set(partners.commercial_partner_id.ids)
            ]
        return values

    def action_mark_lost(self):
        """Mark every chosen client lost, or none: all checks come before any write."""
        self.ensure_one()
        if not self.churn_reason_id or not (self.note or "").strip():
            raise UserError(
                self.env._("Marking clients as lost needs a reason and a note.")
            )
        if self.churn_reason_id.is_system:
            raise UserError(
                self.env._(
                    "The system reason is only for automatic loss: choose the real one."
                )
            )
        clients = self.partner_ids.commercial_partner_id
        if not clients:
            raise UserError(self.env._("Choose the clients to mark as lost."))
        Partner = self.env["res.partner"]
        not_clients = clients.filtered(
            lambda partner: not partner.client_base_is_client
        )
        if not_clients:
            raise UserError(
                self.env._(
                    "These partners are not clients and cannot be marked lost: %s",
                    ", ".join(not_clients.mapped("display_name")),
                )
            )
        if not self.env.user.has_group("client_base.group_client_base_manager"):
            others = clients.filtered(
                lambda partner: partner.user_id and partner.user_id != self.env.user
            )
            if others:
                raise UserError(
                    self.env._(
                        "Only a Client Base manager can mark other salespeople's "
                        "clients as lost: %s",
                        ", ".join(others.mapped("display_name")),
                    )
                )
        never_bought = clients.filtered(
            lambda partner: not partner.client_last_order_date
        )
        if never_bought:
            raise UserError(
                self.env._(
                    "A client without a confirmed order cannot be lost, it is still a "
                    "prospect: %s",
                    ", ".join(never_bought.mapped("display_name")),
                )
            )
        today = fields.Date.context_today(self)
        clients.sudo().with_company(self.company_id).write(
            {
                "client_lost_manual": True,
                "client_lost_date": today,
                "client_churn_reason_id": self.churn_reason_id.id,
            }
        )
        Partner._client_base_refresh_status(
            self.company_id,
            cause="manual",
            partner_ids=clients.ids,
            today=today,
            reason=self.churn_reason_id,
            note=self.note,
        )
        body = Markup("<p>%s</p><p>%s</p>") % (
            self.env._("Marked as lost: %s", self.churn_reason_id.name),
            self.note,
        )
        clients._message_log_batch(bodies=dict.fromkeys(clients.ids, body))
        return {"type": "ir.actions.act_window_close"}
