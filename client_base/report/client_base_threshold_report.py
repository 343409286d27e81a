from odoo import fields, models
from odoo.tools import SQL

OUTCOMES = [
    ("blocked", "Blocked (open quotation)"),
    ("overridden", "Confirmed with an override"),
    ("confirmed_below", "Confirmed below, no override"),
    ("above", "At or above the minimum"),
]


class ClientBaseThresholdReport(models.Model):
    """Orders under a minimum order rule and what became of them: blocked,
    overridden, confirmed below the minimum, or above it, by salesperson and
    month; how much revenue sits in small orders.

    Quotations are checked as they would be confirmed now; confirmed orders
    against today's rules, a first order being one with no earlier confirmed
    order of the client. Read at query time (``_table_query``), so rule scopes
    added by other addons (the ABC class) count.
    """

    _name = "client.base.threshold.report"
    _description = "Minimum Order Statistics"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "order_id"
    _depends = {  # noqa: RUF012 (Odoo reads this class attribute as is)
        "sale.order": [
            "state", "date_order", "company_id", "partner_id", "pricelist_id",
            "user_id", "team_id", "currency_rate",
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
        Order = self.env["sale.order"]
        checked = SQL(
            "(%s) UNION ALL (%s)",
            Order._client_threshold_sql(SQL("so.state IN ('draft', 'sent')")),
            Order._client_threshold_sql(SQL("so.state = 'sale'"), history=True),
        )
        below = SQL("ROUND(checked.amount, 2) < ROUND(checked.threshold, 2)")
        return SQL(
            """
            SELECT checked.id AS id, checked.id AS order_id, so.company_id,
                   so.user_id, so.team_id,
                   buyer.commercial_partner_id AS partner_id,
                   so.date_order AS date, checked.rule_id, checked.first_order,
                   CASE WHEN checked.overridden AND %(below)s THEN 'overridden'
                        WHEN %(below)s AND so.state = 'sale' THEN 'confirmed_below'
                        WHEN %(below)s THEN 'blocked'
                        ELSE 'above' END AS outcome,
                   checked.amount, checked.threshold,
                   GREATEST(checked.threshold - checked.amount, 0) AS gap,
                   CASE WHEN %(below)s AND so.state = 'sale' THEN checked.amount
                        ELSE 0 END AS small_amount
              FROM (%(checked)s) checked(id, rule_id, first_order, amount,
                                         threshold, overridden)
              JOIN sale_order so ON so.id = checked.id
              JOIN res_partner buyer ON buyer.id = so.partner_id
            """,
            below=below,
            checked=checked,
        )
