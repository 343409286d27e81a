from odoo import fields, models, tools
from odoo.tools import SQL

from .client_base_health_repeat import HEALTH_DEPENDS

COHORT_QUARTERS = 12


class ClientBaseHealthCohort(models.Model):
    """Cohort retention (PRODUCT.md): clients by the month of their first
    confirmed order in the company, and for each later quarter (months 1-3
    after the first month are quarter 1, 4-6 quarter 2 ...) whether they
    bought again. One row per client and quarter that is over (up to twelve;
    the quarter in progress would count as lost those yet to buy), so a cell's
    retention is the average of its rows and opens its clients."""

    _name = "client.base.health.cohort"
    _description = "Cohort Retention"
    _auto = False
    _order = "cohort_month desc, quarter, partner_id"
    _rec_name = "partner_id"
    _depends = HEALTH_DEPENDS

    cohort_month = fields.Date(string="First Purchase", readonly=True)
    quarter = fields.Integer(
        string="Quarter After",
        readonly=True,
        aggregator=False,
        help="Quarter after the month of the first purchase: 1 is months 1-3 "
        "after it, 2 months 4-6 …",
    )
    company_id = fields.Many2one("res.company", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    client_count = fields.Integer(string="Clients", readonly=True)
    retained = fields.Integer(
        string="Bought Again", readonly=True, help="Clients who bought in the quarter."
    )
    retention = fields.Float(
        string="Retention (%)",
        readonly=True,
        aggregator="avg",
        help="Share of the cohort's clients who bought in the quarter.",
    )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE VIEW %(view)s AS (
                WITH orders AS (%(orders)s),
                months AS (
                    SELECT company_id, client_id,
                           (date_part('year', day) * 12 + date_part('month', day))::int
                               AS month_index
                      FROM orders
                ), firsts AS (
                    SELECT company_id, client_id, min(month_index) AS first_index
                      FROM months GROUP BY company_id, client_id
                ), bought AS (
                    -- bit q set: the client bought in quarter q after its first
                    -- month (months 1-3 after it are quarter 1 ...)
                    SELECT f.company_id, f.client_id, f.first_index,
                           bit_or(CASE WHEN m.month_index > f.first_index
                                       THEN 1::bigint << LEAST(
                                           (m.month_index - f.first_index + 2) / 3,
                                           62)
                                       ELSE 0 END) AS quarters
                      FROM firsts f
                      JOIN months m
                        ON m.company_id = f.company_id AND m.client_id = f.client_id
                     GROUP BY f.company_id, f.client_id, f.first_index
                ), today AS (
                    SELECT company.id AS company_id,
                           (date_part('year', local.now) * 12
                               + date_part('month', local.now))::int AS month_index
                      FROM res_company company
                     CROSS JOIN LATERAL (
                           SELECT (now() AT TIME ZONE COALESCE(
                                      company.client_timezone, 'UTC')) AS now
                     ) local
                )
                SELECT (b.client_id::bigint * 4096 + b.company_id) * 64 + q.quarter
                           AS id,
                       b.company_id, b.client_id AS partner_id, client.user_id,
                       make_date((b.first_index - 1) / 12,
                                 mod(b.first_index - 1, 12) + 1, 1) AS cohort_month,
                       q.quarter, 1 AS client_count,
                       ((b.quarters >> q.quarter) & 1)::int AS retained,
                       CASE WHEN (b.quarters >> q.quarter) & 1 = 1 THEN 100.0 ELSE 0
                       END AS retention
                  FROM bought b
                  JOIN today ON today.company_id = b.company_id
                 -- quarters that are over: months first+1 .. first+3q all past
                 CROSS JOIN LATERAL generate_series(
                       1, LEAST(%(quarters)s,
                                (today.month_index - b.first_index - 1) / 3))
                       AS q(quarter)
                  JOIN res_partner client ON client.id = b.client_id
                )
                """,
                view=SQL.identifier(self._table),
                orders=self.env["sale.order"]._client_revenue_sql(),
                quarters=COHORT_QUARTERS,
            )
        )
