from datetime import timedelta

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
        "pos.order": ["state", "date_order", "company_id", "partner_id",
                      "session_id", "currency_rate", "client_base_amount_untaxed",
                      "client_base_purchase_kind"],
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
        Purchase = self.env["client.base.purchase"]
        return SQL(
            """
            SELECT shop_id::bigint * 1000000 + EXTRACT(YEAR FROM day)::int * 100
                       + EXTRACT(MONTH FROM day)::int AS id,
                   company_id, currency_id, shop_id,
                   date_trunc('month', day)::date AS month,
                   SUM(amount) AS amount,
                   COALESCE(SUM(amount) FILTER (WHERE identified), 0)
                       AS identified_amount,
                   round((100 * COALESCE(SUM(amount) FILTER (WHERE identified), 0)
                          / NULLIF(SUM(amount), 0))::numeric, 1) AS share,
                   COUNT(*) FILTER (WHERE NOT refund) AS order_count,
                   COUNT(*) FILTER (WHERE NOT refund AND identified)
                       AS identified_count
              FROM (
                SELECT po.company_id, company.currency_id,
                       session.config_id AS shop_id, %(day)s AS day,
                       client.id IS NOT NULL AS identified,
                       po.client_base_amount_untaxed
                           / COALESCE(NULLIF(po.currency_rate, 0), 1) AS amount,
                       po.client_base_purchase_kind = 'refund' AS refund
                  FROM pos_order po
                  JOIN pos_session session ON session.id = po.session_id
                  JOIN res_company company ON company.id = po.company_id
                  -- the customers who may be clients, read once (not a
                  -- condition evaluated for every sale)
                  LEFT JOIN (
                      SELECT partner.id FROM res_partner partner
                       WHERE %(may_be_client)s
                  ) client ON client.id = po.partner_id
                 WHERE po.client_base_purchase_kind IS NOT NULL
                   AND po.state IN ('paid', 'done', 'invoiced') AND %(company)s
                   AND %(period)s
              ) till
             GROUP BY 1, 2, 3, 4, 5
            """,
            # a day each side: the months are the company's local ones
            period=SQL(
                "po.date_order >= %s AND po.date_order < %s",
                date_from - timedelta(days=1),
                date_to + timedelta(days=2),
            )
            if date_from and date_to
            else SQL("TRUE"),
            day=Purchase._local_day_sql(SQL("po.date_order")),
            may_be_client=Purchase._client_condition(
                SQL("partner.commercial_partner_id")
            ),
            company=SQL("po.company_id = %s", company.id) if company else SQL("TRUE"),
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
