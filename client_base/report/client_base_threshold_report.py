from odoo import fields, models
from odoo.tools import SQL

OUTCOMES = [
    ("blocked", "Blocked (open quotation)"),
    ("overridden", "Confirmed with an override"),
    ("above", "At or above the minimum"),
]


class ClientBaseThresholdReport(models.Model):
    """Orders under a minimum order rule and what became of them, by
    salesperson and month: open quotations blocked by their minimum, orders
    confirmed with an override, orders confirmed at or above it; and how much
    revenue sits in small orders.

    Confirmed orders as recorded when they were confirmed (rule, minimum,
    amount: later rule changes do not rewrite history); open quotations checked
    now, as they would be confirmed, rule scopes of other addons included.
    """

    _name = "client.base.threshold.report"
    _description = "Minimum Order Statistics"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "order_id"
    _depends = {  # noqa: RUF012 (Odoo reads this class attribute as is)
        "sale.order": [
            "state", "date_order", "company_id", "partner_id", "pricelist_id",
            "user_id", "team_id", "currency_rate", "client_threshold_outcome",
            "client_threshold_confirmed_rule_id", "client_threshold_confirmed_first",
            "client_threshold_confirmed_amount", "client_threshold_confirmed_minimum",
        ],
        "sale.order.line": [
            "order_id", "price_subtotal", "display_type", "is_downpayment",
        ],
        "res.partner": [
            "commercial_partner_id", "category_id", "client_status",
        ],
        "client.base.order.threshold": [
            "active", "company_id", "sequence", "partner_id", "pricelist_id",
            "category_id", "client_status", "amount_first", "amount_repeat",
        ],
        "client.base.threshold.override": ["order_id", "amount"],
    }  # fmt: skip

    order_id = fields.Many2one("sale.order", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    date = fields.Datetime(string="Order Date", readonly=True)
    rule_id = fields.Many2one(
        "client.base.order.threshold", string="Minimum Order Rule", readonly=True
    )
    first_order = fields.Boolean(readonly=True)
    outcome = fields.Selection(OUTCOMES, readonly=True)
    amount = fields.Monetary(
        string="Amount Counted", currency_field="currency_id", readonly=True
    )
    threshold = fields.Monetary(
        string="Minimum", currency_field="currency_id", readonly=True
    )
    gap = fields.Monetary(
        string="Missing Amount", currency_field="currency_id", readonly=True
    )
    small_amount = fields.Monetary(
        string="Revenue in Small Orders",
        currency_field="currency_id",
        readonly=True,
        help="Amount of the orders confirmed below their minimum.",
    )

    @property
    def _table_query(self):
        quotations = self.env["sale.order"]._client_threshold_sql(
            SQL("so.state IN ('draft', 'sent')")
        )
        return SQL(
            """
            SELECT so.id AS id, so.id AS order_id, so.company_id, so.user_id,
                   so.team_id, buyer.commercial_partner_id AS partner_id,
                   so.date_order AS date,
                   so.client_threshold_confirmed_rule_id AS rule_id,
                   so.client_threshold_confirmed_first AS first_order,
                   so.client_threshold_outcome AS outcome,
                   so.client_threshold_confirmed_amount AS amount,
                   so.client_threshold_confirmed_minimum AS threshold,
                   GREATEST(so.client_threshold_confirmed_minimum
                            - so.client_threshold_confirmed_amount, 0) AS gap,
                   CASE so.client_threshold_outcome
                        WHEN 'overridden' THEN so.client_threshold_confirmed_amount
                        ELSE 0 END AS small_amount
              FROM sale_order so
              JOIN res_partner buyer ON buyer.id = so.partner_id
             WHERE so.state = 'sale' AND so.client_threshold_outcome IS NOT NULL
            UNION ALL
            SELECT so.id, so.id, so.company_id, so.user_id, so.team_id,
                   buyer.commercial_partner_id, so.date_order, checked.rule_id,
                   checked.first_order, 'blocked', checked.amount,
                   checked.threshold, checked.threshold - checked.amount, 0
              FROM (%s) checked(id, rule_id, first_order, amount, threshold,
                                overridden)
              JOIN sale_order so ON so.id = checked.id
              JOIN res_partner buyer ON buyer.id = so.partner_id
             WHERE NOT checked.overridden
               AND ROUND(checked.amount, 2) < ROUND(checked.threshold, 2)
            """,
            quotations,
        )
