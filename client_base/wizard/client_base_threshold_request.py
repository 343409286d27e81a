from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_amount

MANAGER_GROUP = "client_base.group_client_base_manager"
REQUEST_TYPE = "client_base.mail_activity_type_threshold_request"


class ClientBaseThresholdRequest(models.TransientModel):
    """A salesperson refused below the minimum asks a Client Base manager for
    an exception: an activity for the manager on the quotation, which the
    manager's confirmation below the minimum (or the order's own, once above
    it) marks done."""

    _name = "client.base.threshold.request"
    _description = "Ask a Manager to Confirm Below the Minimum"

    order_id = fields.Many2one("sale.order", string="Quotation", required=True)
    company_id = fields.Many2one(related="order_id.company_id")
    manager_id = fields.Many2one(
        "res.users",
        required=True,
        compute="_compute_manager_id",
        store=True,
        precompute=True,
        readonly=False,
        domain="[('share', '=', False), ('company_ids', 'in', company_id),"
        " ('groups_id', 'in', manager_group_id)]",
        help="A Client Base manager of the quotation's company, who may confirm "
        "it below its minimum.",
    )
    manager_group_id = fields.Many2one(
        "res.groups", default=lambda self: self.env.ref(MANAGER_GROUP)
    )
    note = fields.Text(
        string="Why this order",
        required=True,
        help="What makes the order worth confirming below its minimum.",
    )

    @api.depends("order_id")
    def _compute_manager_id(self):
        for request in self:
            request.manager_id = request._default_manager()

    def _managers(self):
        company = self.order_id.company_id
        return self.env["res.users"].search(
            [
                ("share", "=", False),
                ("company_ids", "in", company.ids),
                ("groups_id", "in", self.env.ref(MANAGER_GROUP).ids),
                ("id", "!=", self.env.uid),
            ],
            order="name, id",
        )

    def _default_manager(self):
        """The sales team's leader when a Client Base manager, else the first
        Client Base manager of the company."""
        managers = self._managers()
        leader = self.order_id.team_id.user_id
        return leader if leader in managers else managers[:1]

    def _open_requests(self, orders):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "sale.order"),
                ("res_id", "in", orders.ids),
                ("activity_type_id", "=", self.env.ref(REQUEST_TYPE).id),
            ]
        )

    def action_request(self):
        self.ensure_one()
        order = self.order_id
        blocked = order._client_threshold_blocked()
        if not blocked:
            raise UserError(
                self.env._(
                    "%s is not below its minimum order: confirm it yourself.",
                    order.name,
                )
            )
        if not (self.note or "").strip():
            raise UserError(self.env._("Say why this order is worth it."))
        if self.manager_id not in self._managers():
            raise UserError(
                self.env._(
                    "%s is not a Client Base manager of the quotation's company.",
                    self.manager_id.name,
                )
            )
        pending = self._open_requests(order)
        if pending:
            raise UserError(
                self.env._(
                    "%(manager)s was already asked about %(order)s on %(date)s.",
                    manager=pending[0].user_id.name,
                    order=order.name,
                    date=fields.Date.to_string(pending[0].create_date.date()),
                )
            )
        rule, first, amount, threshold = blocked[order]
        currency = order.company_id.currency_id
        manager = self.manager_id
        # the manager reads the activity in their own language
        manager_env = self.with_context(lang=manager.lang).env
        order.activity_schedule(
            REQUEST_TYPE,
            summary=manager_env._(
                "Below the minimum: %(amount)s of %(threshold)s",
                amount=format_amount(manager_env, amount, currency),
                threshold=format_amount(manager_env, threshold, currency),
            ),
            note=Markup("<p>%s</p><p>%s</p>")
            % (
                manager_env._(
                    "%(user)s asks you to confirm %(order)s below its %(kind)s "
                    "minimum (rule “%(rule)s”).",
                    user=self.env.user.name,
                    order=order.name,
                    kind=manager_env._("first order")
                    if first
                    else manager_env._("repeat order"),
                    rule=rule.name,
                ),
                self.note,
            ),
            user_id=manager.id,
        )
        order.message_post(
            body=self.env._(
                "Asked %(manager)s to confirm below the minimum: %(note)s",
                manager=manager.name,
                note=self.note,
            ),
            subtype_xmlid="mail.mt_note",
        )
        return {"type": "ir.actions.act_window_close"}
