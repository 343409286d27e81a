from odoo import fields, models, tools
from odoo.tools import SQL

from .client_base_health_repeat import HEALTH_DEPENDS

COHORT_QUARTERS = 12


class ClientBaseHealthCohort(models.Model):
    """Cohort retention (PRODUCT.md): clients by the month of their first
    confirmed order in the company, and for each later quarter (months 1-3
    after the first month are quarter 1, 4-6 quarter 2 ...) whether they
    bought again. One row per client and elapsed quarter (up to twelve), so a
    cell's retention is the average of its rows and opens its clients."""

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
                           (extract(year FROM day) * 12
                               + extract(month FROM day))::int AS month_index
                      FROM orders
                ), firsts AS (
                    SELECT company_id, client_id, min(month_index) AS first_index
                      FROM months GROUP BY company_id, client_id
                ), bought AS (
                    SELECT DISTINCT m.company_id, m.client_id,
                           (m.month_index - f.first_index + 2) / 3 AS quarter
                      FROM months m
                      JOIN firsts f
                        ON f.company_id = m.company_id AND f.client_id = m.client_id
                     WHERE m.month_index > f.first_index
                ), today AS (
                    SELECT (extract(year FROM now()) * 12
                               + extract(month FROM now()))::int AS month_index
                )
                SELECT (f.client_id::bigint * 4096 + f.company_id) * 64 + q.quarter
                           AS id,
                       f.company_id, f.client_id AS partner_id, client.user_id,
                       make_date((f.first_index - 1) / 12,
                                 mod(f.first_index - 1, 12) + 1, 1) AS cohort_month,
                       q.quarter, 1 AS client_count,
                       (b.client_id IS NOT NULL)::int AS retained,
                       CASE WHEN b.client_id IS NULL THEN 0 ELSE 100.0 END
                           AS retention
                  FROM firsts f
                 CROSS JOIN today
                 CROSS JOIN LATERAL generate_series(
                       1, LEAST(%(quarters)s,
                                (today.month_index - f.first_index + 2) / 3))
                       AS q(quarter)
                  JOIN res_partner client ON client.id = f.client_id
                  LEFT JOIN bought b
                    ON b.company_id = f.company_id AND b.client_id = f.client_id
                   AND b.quarter = q.quarter
                )
                """,
                view=SQL.identifier(self._table),
                orders=self.env["sale.order"]._client_revenue_sql(),
                quarters=COHORT_QUARTERS,
            )
        )
