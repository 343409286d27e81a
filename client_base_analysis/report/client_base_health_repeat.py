from odoo import fields, models
from odoo.tools import SQL

# the purchases' summary by day, and by month beside it (flushed with this
# transaction's purchases)
HEALTH_DEPENDS = {
    "client.base.purchase.day": ["company_id", "partner_id", "day", "orders", "amount"],
    "res.partner": ["commercial_partner_id", "user_id"],
}


class ClientBaseHealthRepeat(models.Model):
    """Repeat-client revenue share (readme/DESCRIPTION.md): revenue of clients with at
    least two confirmed orders ever in the company, over all revenue, per
    month. One row per client and month; the share of any group of rows is
    the share of their sums (``_read_group_select``), so the pivot is right at
    every level and its cells open the clients behind them."""

    _name = "client.base.health.repeat"
    _description = "Repeat Revenue Share"
    _inherit = "client.base.currency.report"
    _auto = False
    _currency_amounts = ("revenue", "repeat_revenue", "one_off_revenue")
    _order = "month desc, revenue desc"
    _rec_name = "partner_id"
    _depends = HEALTH_DEPENDS

    month = fields.Date(readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    is_repeat = fields.Boolean(
        string="Repeat Client",
        readonly=True,
        help="The client has at least two confirmed orders in the company.",
    )
    revenue = fields.Monetary(readonly=True)
    repeat_revenue = fields.Monetary(readonly=True)
    one_off_revenue = fields.Monetary(string="One-off Revenue", readonly=True)
    repeat_share = fields.Float(
        string="Repeat Share (%)",
        readonly=True,
        digits=(16, 1),
        aggregator="avg",
        help="Revenue of repeat clients over all revenue.",
    )
    order_count = fields.Integer(string="Orders", readonly=True)

    def _read_group_select(self, aggregate_spec, query):
        if aggregate_spec != "repeat_share:avg":
            return super()._read_group_select(aggregate_spec, query)
        return SQL(
            "100.0 * SUM(%s) / NULLIF(SUM(%s), 0)",
            self._field_to_sql(self._table, "repeat_revenue", query),
            self._field_to_sql(self._table, "revenue", query),
        )

    def _company_rows_sql(self):
        # the purchases' summary by month, kept beside the days: no grouping
        # here, so a month filter and the list's order (month first) reach
        # its index; the salesperson's join is left out when not read
        return SQL(
            """
                SELECT month_row.id, month_row.company_id, month_row.partner_id,
                       client.user_id, month_row.month,
                       counts.orders >= 2 AS is_repeat,
                       month_row.orders AS order_count,
                       month_row.amount AS revenue,
                       CASE WHEN counts.orders >= 2 THEN month_row.amount ELSE 0 END
                           AS repeat_revenue,
                       CASE WHEN counts.orders >= 2 THEN 0 ELSE month_row.amount END
                           AS one_off_revenue,
                       CASE WHEN counts.orders >= 2 THEN 100.0 ELSE 0 END
                           AS repeat_share
                  FROM client_base_purchase_month month_row
                  -- the client's purchase occasions in all, kept per client
                  JOIN client_base_purchase_client counts
                    ON counts.company_id = month_row.company_id
                   AND counts.partner_id = month_row.partner_id
                  LEFT JOIN res_partner client ON client.id = month_row.partner_id
                """
        )
