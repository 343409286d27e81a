from odoo import api, fields, models
from odoo.exceptions import UserError


class ClientBaseChurnReason(models.Model):
    _name = "client.base.churn.reason"
    _inherit = "client.base.catalogue"
    _description = "Churn Reason"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    description = fields.Text(translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    is_system = fields.Boolean(
        string="System Reason",
        readonly=True,
        help="Given by the automatic loss after a long silence, until a person finds "
        "the real reason.",
    )
    company_id = fields.Many2one(
        "res.company", help="Leave empty to share the reason between companies."
    )
    lost_count = fields.Integer(compute="_compute_lost_count", string="Lost Clients")

    @api.depends_context("company")
    def _compute_lost_count(self):
        counts = dict(
            self.env["client.base.status.history"]._read_group(
                [
                    ("churn_reason_id", "in", self.ids),
                    ("status_to", "=", "lost"),
                    ("company_id", "=", self.env.company.id),
                ],
                ["churn_reason_id"],
                ["__count"],
            )
        )
        for reason in self:
            reason.lost_count = counts.get(reason, 0)

    @api.model_create_multi
    def create(self, vals_list):
        self._check_system_flag(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._check_system_flag([vals])
        return super().write(vals)

    def _check_system_flag(self, vals_list):
        if not self.env.su and any("is_system" in vals for vals in vals_list):
            raise UserError(
                self.env._(
                    "Whether a reason is the system's is set by Client Base itself."
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_in_use(self):
        """A reason given to clients stays in their history: archive it."""
        if self.env["client.base.status.history"].sudo().search_count(
            [("churn_reason_id", "in", self.ids)], limit=1
        ) or self.env["res.partner"].sudo().with_context(
            active_test=False
        ).search_count([("client_churn_reason_id", "in", self.ids)], limit=1):
            raise UserError(
                self.env._(
                    "This churn reason was given to clients: archive it instead "
                    "of deleting it, so their history keeps why they left."
                )
            )

    def action_view_lost_history(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "client_base.client_base_status_history_action"
        )
        action["domain"] = [
            ("churn_reason_id", "=", self.id),
            ("status_to", "=", "lost"),
        ]
        action["context"] = {}
        return action
