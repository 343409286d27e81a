from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError


class ClientBaseHandover(models.TransientModel):
    """Hand clients over from one salesperson to another.

    Moves the clients and their contacts, open quotations, open opportunities
    and planned activities of the leaving salesperson in one go, and logs the
    handover on each client.
    """

    _name = "client.base.handover"
    _description = "Hand Clients Over"

    mode = fields.Selection(
        [("selected", "Selected clients"), ("all", "All clients of a salesperson")],
        required=True,
        default="selected",
    )
    from_user_id = fields.Many2one("res.users", string="From Salesperson")
    to_user_id = fields.Many2one(
        "res.users",
        string="To Salesperson",
        required=True,
        domain="[('share', '=', False)]",
    )
    partner_ids = fields.Many2many("res.partner", string="Clients")
    note = fields.Text(help="Why the clients change hands; logged on each client.")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        context = self.env.context
        if context.get("active_model") == "res.partner" and context.get("active_ids"):
            partners = self.env["res.partner"].browse(context["active_ids"])
            values["partner_ids"] = [
                fields.Command.set(partners.commercial_partner_id.ids)
            ]
        return values

    def _get_clients(self):
        self.ensure_one()
        if self.mode == "all":
            if not self.from_user_id:
                raise UserError(self.env._("Choose the salesperson who leaves."))
            # The whole portfolio: clients and the prospects assigned to them.
            return self.env["res.partner"].search(
                [
                    ("user_id", "=", self.from_user_id.id),
                    ("user_ids", "=", False),
                    "|",
                    ("is_company", "=", True),
                    ("parent_id", "=", False),
                ]
            )
        return self.partner_ids.commercial_partner_id

    def action_handover(self):
        self.ensure_one()
        clients = self._get_clients()
        if not clients:
            raise UserError(self.env._("There is no client to hand over."))
        if self.to_user_id == self.from_user_id:
            raise UserError(
                self.env._("A client cannot be handed over to the same person.")
            )
        if self.to_user_id.share:
            raise UserError(
                self.env._("Clients can only be handed over to an employee.")
            )
        everyone = clients | clients.child_ids
        from_users = self.from_user_id or clients.user_id
        orders = self.env["sale.order"].search(
            [
                ("partner_id", "in", everyone.ids),
                ("state", "in", ("draft", "sent")),
                ("user_id", "in", from_users.ids),
            ]
        )
        leads = self.env["crm.lead"].search(
            [
                ("partner_id", "in", everyone.ids),
                ("type", "=", "opportunity"),
                ("stage_id.is_won", "=", False),
                ("user_id", "in", from_users.ids),
            ]
        )
        activities = self.env["mail.activity"].search(
            [
                ("user_id", "in", from_users.ids),
                "|",
                "|",
                "&",
                ("res_model", "=", "res.partner"),
                ("res_id", "in", everyone.ids),
                "&",
                ("res_model", "=", "sale.order"),
                ("res_id", "in", orders.ids),
                "&",
                ("res_model", "=", "crm.lead"),
                ("res_id", "in", leads.ids),
            ]
        )
        new_user = self.to_user_id
        everyone.write({"user_id": new_user.id})
        orders.write({"user_id": new_user.id})
        leads.write({"user_id": new_user.id})
        activities.write({"user_id": new_user.id})
        body = Markup("<p>%s</p>") % self.env._(
            "Handed over to %(user)s, with %(orders)s open quotation(s), "
            "%(leads)s opportunity(ies) and %(activities)s activity(ies).",
            user=new_user.name,
            orders=len(orders),
            leads=len(leads),
            activities=len(activities),
        )
        if self.note:
            body += Markup("<p>%s</p>") % self.note
        clients._message_log_batch(bodies=dict.fromkeys(clients.ids, body))
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "%(count)s client(s) handed over to %(user)s.",
                    count=len(clients),
                    user=new_user.name,
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
