from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL


class ClientBaseThresholdPreview(models.TransientModel):
    """What a minimum order rule would have blocked over the last months'
    confirmed orders, had it applied: to set a rule before it applies.

    The rule counts as active (an archived draft rule can be previewed) and
    competes with the other active rules as it would once active.
    """

    _name = "client.base.threshold.preview"
    _description = "Minimum Order Rule Preview"

    rule_id = fields.Many2one(
        "client.base.order.threshold", required=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="rule_id.company_id")
    currency_id = fields.Many2one(related="rule_id.currency_id")
    months = fields.Integer(string="Last Months", default=3, required=True)
    date_from = fields.Date(compute="_compute_preview")
    order_count = fields.Integer(
        string="Orders Confirmed",
        compute="_compute_preview",
        help="Confirmed orders of the period in the company.",
    )
    covered_count = fields.Integer(
        string="Orders Under This Rule",
        compute="_compute_preview",
        help="Orders this rule would have applied to, the more specific rules "
        "taking theirs.",
    )
    blocked_count = fields.Integer(
        string="Orders It Would Have Blocked", compute="_compute_preview"
    )
    blocked_first_count = fields.Integer(
        string="Of Which First Orders", compute="_compute_preview"
    )
    blocked_amount = fields.Monetary(
        string="Revenue of Those Orders", compute="_compute_preview"
    )
    blocked_share = fields.Float(
        string="Share of the Period's Revenue", compute="_compute_preview"
    )
    blocked_client_count = fields.Integer(
        string="Clients Concerned", compute="_compute_preview"
    )
    blocked_order_ids = fields.Many2many("sale.order", compute="_compute_preview")

    @api.constrains("months")
    def _check_months(self):
        if any(not 0 < preview.months <= 120 for preview in self):
            raise ValidationError(
                self.env._("Preview between 1 and 120 months of past orders.")
            )

    @api.model
    def _preview_counters(self):
        return [
            "order_count",
            "covered_count",
            "blocked_count",
            "blocked_first_count",
            "blocked_amount",
            "blocked_share",
            "blocked_client_count",
        ]

    @api.depends("rule_id", "months")
    def _compute_preview(self):
        Order = self.env["sale.order"]
        self.env.flush_all()
        for preview in self:
            if not preview.rule_id or not 0 < preview.months <= 120:
                preview.update(dict.fromkeys(self._preview_counters(), 0))
                preview.date_from = False
                preview.blocked_order_ids = Order
                continue
            rule = preview.rule_id
            date_from = fields.Date.context_today(preview) - relativedelta(
                months=preview.months
            )
            where = SQL(
                "so.state = 'sale' AND so.company_id = %s AND so.date_order >= %s",
                rule.company_id.id,
                date_from,
            )
            self.env.cr.execute(
                SQL(
                    """
                    SELECT (SELECT COUNT(*) FROM sale_order so WHERE %(where)s),
                           (SELECT SUM(amount) FROM (%(amounts)s) amounts),
                           COUNT(*),
                           COUNT(*) FILTER (WHERE blocked),
                           COUNT(*) FILTER (WHERE blocked AND first_order),
                           COALESCE(SUM(amount) FILTER (WHERE blocked), 0),
                           COUNT(DISTINCT client_id) FILTER (WHERE blocked),
                           ARRAY_AGG(id) FILTER (WHERE blocked)
                      FROM (
                        SELECT checked.*, buyer.commercial_partner_id AS client_id,
                               ROUND(checked.amount, 2) < ROUND(checked.threshold, 2)
                                   AS blocked
                          FROM (%(checked)s) checked(id, rule_id, first_order,
                                                     amount, threshold, overridden)
                          JOIN sale_order so ON so.id = checked.id
                          JOIN res_partner buyer ON buyer.id = so.partner_id
                         WHERE checked.rule_id = %(rule)s
                      ) covered
                    """,
                    where=where,
                    amounts=Order._client_threshold_amounts_sql(where),
                    checked=Order._client_threshold_sql(
                        where, history=True, preview_rule_id=rule.id
                    ),
                    rule=rule.id,
                )
            )
            (total, revenue, covered, blocked, blocked_first, amount, clients,
             order_ids) = self.env.cr.fetchone()  # fmt: skip
            preview.date_from = date_from
            preview.order_count = total
            preview.covered_count = covered
            preview.blocked_count = blocked
            preview.blocked_first_count = blocked_first
            preview.blocked_amount = amount
            preview.blocked_share = revenue and float(amount) / float(revenue)
            preview.blocked_client_count = clients
            preview.blocked_order_ids = Order.browse(order_ids or [])

    def action_view_blocked_orders(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Orders “%s” Would Have Blocked", self.rule_id.name),
            "res_model": "sale.order",
            "view_mode": "list,form",
            "domain": [("id", "in", self.blocked_order_ids.ids)],
            "context": {"create": False},
        }
