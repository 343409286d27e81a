from odoo import fields, models, tools
from odoo.tools import SQL

from .client_base_health_repeat import HEALTH_DEPENDS

COHORT_QUARTERS = 12
# the columns of the cohort table: Q+1 is the first quarter after the month
# of the first purchase (keys padded: groups sort by key)
QUARTERS_AFTER = [(f"{q:02d}", f"Q+{q}") for q in range(1, COHORT_QUARTERS + 1)]


class ClientBaseHealthCohort(models.Model):
    """Cohort retention (readme/DESCRIPTION.md): clients by the month of their first
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
    cohort_quarter = fields.Char(
        string="Cohort",
        readonly=True,
        help="Quarter of the first purchase, as 2025 Q1 (dashboards group by it).",
    )
    quarter = fields.Integer(
        string="Quarter Number",
        readonly=True,
        aggregator=False,
        help="Quarter after the month of the first purchase, as a number to "
        "filter on: 1 is months 1-3 after it, 2 months 4-6 …",
    )
    quarter_after = fields.Selection(
        QUARTERS_AFTER,
        readonly=True,
        help="Quarter after the month of the first purchase: Q+1 is months 1-3 "
        "after it, Q+2 months 4-6 …",
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
        digits=(16, 1),
        aggregator="avg",
        help="Share of the cohort's clients who bought in the quarter.",
    )

    def init(self):
        """The view, over the purchases' summary by client (the month of the
        first purchase and the months bought after it:
        client.base.purchase.day's ``client_base_purchase_client``)."""
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE VIEW %(view)s AS (
                WITH today AS (
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
                       ((b.first_index - 1) / 12)::text || ' Q'
                           || (mod(b.first_index - 1, 12) / 3 + 1)::text
                           AS cohort_quarter,
                       q.quarter, lpad(q.quarter::text, 2, '0') AS quarter_after,
                       1 AS client_count,
                       -- quarter q: months 3q-2 .. 3q after the first
                       ((b.months >> (3 * q.quarter - 2)) & 7 <> 0)::int AS retained,
                       CASE WHEN (b.months >> (3 * q.quarter - 2)) & 7 <> 0
                            THEN 100.0 ELSE 0 END AS retention
                  FROM (
                      -- bit d of months: the client bought d months after its
                      -- first month
                      SELECT summary.company_id, summary.partner_id AS client_id,
                             (date_part('year', summary.first_day) * 12
                                 + date_part('month', summary.first_day))::int
                                 AS first_index,
                             summary.months
                        FROM client_base_purchase_client summary
                       WHERE summary.first_day IS NOT NULL
                  ) b
                  JOIN today ON today.company_id = b.company_id
                 -- quarters that are over: months first+1 .. first+3q all past
                 -- (a series of constants: the planner knows its size)
                  JOIN generate_series(1, %(quarters)s) AS q(quarter)
                    ON q.quarter <= (today.month_index - b.first_index - 1) / 3
                  JOIN res_partner client ON client.id = b.client_id
                )
                """,
                view=SQL.identifier(self._table),
                quarters=COHORT_QUARTERS,
            )
        )
