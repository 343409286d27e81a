from odoo import api, fields, models
from odoo.tools import SQL


class ClientBasePosPenetration(models.Model):
    """Card penetration: the share of the till's revenue that identified
    clients bring, by shop and month. A sale without a customer (or to a
    partner that is no client: staff, the company itself) is revenue nobody
    is known for; the share says how much of the shop the client base sees.

    Revenue as purchases count it (untaxed, company currency at the order's
    rate, refunds negative, lines settling a sale order left out: the
    order's ``client_base_amount_untaxed``), by the company's local month."""

    _name = "client.base.pos.penetration"
    _description = "Card Penetration at the Till"
    _auto = False
    _order = "month desc, shop_id"
    _rec_name = "shop_id"
    _depends = {  # noqa: RUF012 (Odoo reads this class attribute as is)
        "client.base.pos.till.day": ["company_id", "shop_id", "day", "identified",
                                     "amount", "orders"],
    }  # fmt: skip

    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    shop_id = fields.Many2one("pos.config", readonly=True)
    month = fields.Date(readonly=True)
    amount = fields.Monetary(string="Revenue at the Till", readonly=True)
    identified_amount = fields.Monetary(string="From Identified Clients", readonly=True)
    share = fields.Float(
        string="Card Penetration (%)",
        readonly=True,
        aggregator=False,
        digits=(16, 1),
        help="Share of the shop's revenue of the month from identified clients.",
    )
    order_count = fields.Integer(string="Sales", readonly=True)
    identified_count = fields.Integer(string="Sales to Clients", readonly=True)

    @api.model
    def _penetration_query(self, company=None, date_from=None, date_to=None):
        """SQL: the months' rows, from the till's summary by shop and day."""
        return SQL(
            """
            SELECT till.shop_id::bigint * 1000000
                       + EXTRACT(YEAR FROM till.day)::int * 100
                       + EXTRACT(MONTH FROM till.day)::int AS id,
                   till.company_id, company.currency_id, till.shop_id,
                   date_trunc('month', till.day)::date AS month,
                   SUM(till.amount) AS amount,
                   COALESCE(SUM(till.amount) FILTER (WHERE till.identified), 0)
                       AS identified_amount,
                   round((100 * COALESCE(SUM(till.amount)
                                         FILTER (WHERE till.identified), 0)
                          / NULLIF(SUM(till.amount), 0))::numeric, 1) AS share,
                   SUM(till.orders) AS order_count,
                   COALESCE(SUM(till.orders) FILTER (WHERE till.identified), 0)
                       AS identified_count
              FROM client_base_pos_till_day till
              JOIN res_company company ON company.id = till.company_id
             WHERE %(company)s AND %(period)s
             GROUP BY 1, 2, 3, 4, 5
            """,
            period=SQL(
                "till.day >= %s AND till.day <= %s",
                date_from.replace(day=1),
                date_to,
            )
            if date_from and date_to
            else SQL("TRUE"),
            company=SQL("till.company_id = %s", company.id) if company else SQL("TRUE"),
        )

    @property
    def _table_query(self):
        return self._penetration_query()

    @api.model
    def _penetration_by(self, company, date_from, date_to, groupby):
        """[(key, amount, identified amount, share %)] of the company's till
        between two dates (months), grouped by ``groupby`` ("shop_id",
        "month" or None for the total): for reviews and dashboards."""
        key = SQL.identifier(groupby) if groupby else SQL("NULL")
        self.env["client.base.pos.till.day"].flush_model()
        self.env.cr.execute(
            SQL(
                """
                SELECT %(key)s, SUM(amount), SUM(identified_amount),
                       round((100 * SUM(identified_amount)
                              / NULLIF(SUM(amount), 0))::numeric, 1)
                  FROM (%(query)s) penetration
                 WHERE month >= %(date_from)s AND month <= %(date_to)s
                 GROUP BY 1 ORDER BY 1
                """,
                key=key,
                query=self._penetration_query(company, date_from, date_to),
                date_from=date_from,
                date_to=date_to,
            )
        )
        return self.env.cr.fetchall()
