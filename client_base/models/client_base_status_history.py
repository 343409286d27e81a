from odoo import fields, models

STATUSES = [
    ("potential", "Potential"),
    ("new", "New"),
    ("regular", "Regular"),
    ("occasional", "Occasional"),
    ("dormant", "Dormant"),
    ("lost", "Lost"),
]

CAUSES = [
    ("initial", "Initial computation"),
    ("order", "Order"),
    ("cancellation", "Cancellation"),
    ("silence", "Silence"),
    ("manual", "Marked by a person"),
    ("won_back", "Won back"),
    ("settings", "Settings change"),
    ("merge", "Merge"),
]


class ClientBaseStatusHistory(models.Model):
    """One row per change of a client's lifecycle status in one company.

    Rows are written by the status computation (set-based SQL) and never
    rewritten or deleted by the suite; a partner merge moves them to the
    surviving client, so there is no unique constraint involving the partner.
    """

    _name = "client.base.status.history"
    _description = "Client Status History"
    _order = "date desc, id desc"
    _rec_name = "partner_id"

    # a deleted client's history stays, without the partner
    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        readonly=True,
        index=True,
        ondelete="set null",
    )
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, index=True
    )
    date = fields.Datetime(required=True, readonly=True, default=fields.Datetime.now)
    status_from = fields.Selection(STATUSES, string="From", readonly=True)
    status_to = fields.Selection(STATUSES, string="To", required=True, readonly=True)
    cause = fields.Selection(CAUSES, required=True, readonly=True)
    churn_reason_id = fields.Many2one(
        "client.base.churn.reason", readonly=True, ondelete="restrict"
    )
    note = fields.Text(readonly=True)
    days_away = fields.Integer(
        readonly=True,
        aggregator="avg",
        help="For a client won back: days between its previous order and the new one.",
    )
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        readonly=True,
        help="The client's salesperson when the status changed.",
    )
    changed_by_id = fields.Many2one("res.users", readonly=True)
    winback_plan_id = fields.Many2one(
        "mail.activity.plan", string="Win-back Plan Launched", readonly=True
    )
