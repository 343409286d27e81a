from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import formatLang

# a client bringing this share of the company's revenue of the last 12 months
# is a large client: losing it is worth a second look
LARGE_CLIENT_SHARE = 0.05


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
    warning = fields.Html(
        compute="_compute_warning",
        sanitize=False,
        help="The large clients among the chosen ones: their class and share of "
        "the company's revenue.",
    )

    @api.depends("partner_ids", "company_id")
    def _compute_warning(self):
        for wizard in self:
            clients = wizard.partner_ids._origin.commercial_partner_id
            lines = wizard._large_client_lines(clients)
            wizard.warning = (
                Markup("<p>%s</p><ul>%s</ul>")
                % (
                    self.env._("You are about to mark large clients as lost:"),
                    Markup().join(Markup("<li>%s</li>") % line for line in lines),
                )
                if lines
                else False
            )

    def _client_classes(self, clients):
        """{client id: its class}, for the addons that classify clients."""
        return {}

    def _large_client_lines(self, clients):
        """A line per large client among ``clients``: its share of the
        company's revenue over the last 12 months (a share of the company's,
        whoever reads it), with its class where the client has one."""
        if not clients or not self.company_id:
            return []
        today = fields.Date.context_today(self)
        Day = self.env["client.base.purchase.day"].sudo()
        domain = [
            ("company_id", "=", self.company_id.id),
            ("day", ">", today - relativedelta(years=1)),
            ("day", "<=", today),
        ]
        [(total,)] = Day._read_group(domain, [], ["amount:sum"])
        if not total or total <= 0:
            return []
        amounts = dict(
            Day._read_group(
                [*domain, ("partner_id", "in", clients.ids)],
                ["partner_id"],
                ["amount:sum"],
            )
        )
        classes = self._client_classes(clients)
        lines = []
        for client in clients.sorted(lambda partner: -amounts.get(partner, 0.0)):
            share = amounts.get(client, 0.0) / total
            label = classes.get(client.id)
            if share < LARGE_CLIENT_SHARE and not (label and label.startswith("A")):
                continue
            values = {
                "client": client.display_name,
                "share": formatLang(self.env, share * 100, digits=1),
                "class": label,
            }
            lines.append(
                self.env._(
                    "%(client)s, class %(class)s, brought %(share)s%% of the "
                    "company's revenue over the last 12 months.",
                    **values,
                )
                if label
                else self.env._(
                    "%(client)s brought %(share)s%% of the company's revenue over "
                    "the last 12 months.",
                    **values,
                )
            )
        return lines

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
