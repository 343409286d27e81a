from odoo import fields, models
from odoo.tools import SQL

from .client_base_health_repeat import HEALTH_DEPENDS


class ClientBaseHealthChurn(models.Model):
    """Yearly churn rate (readme/DESCRIPTION.md): clients with revenue in year Y-1 and
    none in year Y, over clients with revenue in Y-1. One row per client with
    revenue in Y-1 and year Y (up to the current year, counted so far); the
    churn rate of a group is the average of its rows."""

    _name = "client.base.health.churn"
    _description = "Yearly Churn"
    _inherit = "client.base.currency.report"
    _auto = False
    _currency_amounts = ("previous_revenue",)
    _order = "year desc, partner_id"
    _rec_name = "partner_id"
    _depends = HEALTH_DEPENDS

    year = fields.Integer(readonly=True, aggregator=False)
    company_id = fields.Many2one("res.company", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    client_count = fields.Integer(
        string="Clients Year Before", readonly=True, help="Clients with revenue in Y-1."
    )
    lost_count = fields.Integer(
        string="Did Not Come Back", readonly=True, help="Of those, none in year Y."
    )
    churn_rate = fields.Float(
        string="Churn Rate (%)", readonly=True, aggregator="avg", digits=(16, 1)
    )
    previous_revenue = fields.Monetary(string="Revenue Year Before", readonly=True)

    # client counts of a year: summed over several years (a pivot's total
    # row, a salesperson's row) they count a client once per year, so a group
    # that is not one year reads them empty; the churn rate averages every
    # client-year of the group
    _YEARLY_COUNTS = ("client_count:sum", "lost_count:sum")

    def _read_group(self, domain, groupby=(), aggregates=(), *args, **kwargs):
        by_year = any(spec.split(":", 1)[0] == "year" for spec in groupby) or any(
            isinstance(leaf, (list, tuple)) and tuple(leaf[:2]) == ("year", "=")
            for leaf in domain
        )
        churn = self
        if not by_year and any(spec in self._YEARLY_COUNTS for spec in aggregates):
            churn = self.with_context(client_base_churn_across_years=True)
        return super(ClientBaseHealthChurn, churn)._read_group(
            domain, groupby, aggregates, *args, **kwargs
        )

    def _read_group_select(self, aggregate_spec, query):
        if aggregate_spec in self._YEARLY_COUNTS and self.env.context.get(
            "client_base_churn_across_years"
        ):
            return SQL("NULL")
        return super()._read_group_select(aggregate_spec, query)

    def _company_rows_sql(self):
        return SQL(
            """
                -- the purchases' summary by year (kept beside the days)
                WITH yearly AS (
                    SELECT company_id, partner_id AS client_id,
                           extract(year FROM year)::int AS year,
                           amount AS revenue
                      FROM client_base_purchase_year
                     WHERE amount > 0
                ),
                -- each client-year with the client's next year of revenue: one
                -- pass, no self-join (a join of the years planned as a nested
                -- loop under a LIMIT, as a count of the list is, took seconds)
                followed AS (
                    SELECT yearly.*,
                           lead(year) OVER (PARTITION BY company_id, client_id
                                            ORDER BY year) AS next_year
                      FROM yearly
                )
                SELECT (prev.client_id::bigint * 4096 + prev.company_id) * 10000
                           + prev.year + 1 AS id,
                       prev.company_id, prev.client_id AS partner_id,
                       client.user_id, prev.year + 1 AS year,
                       1 AS client_count,
                       (prev.next_year IS DISTINCT FROM prev.year + 1)::int
                           AS lost_count,
                       CASE WHEN prev.next_year IS DISTINCT FROM prev.year + 1
                            THEN 100.0 ELSE 0 END AS churn_rate,
                       prev.revenue AS previous_revenue
                  FROM followed prev
                  JOIN res_partner client ON client.id = prev.client_id
                 WHERE prev.year + 1 <= extract(year FROM now())::int
                """
        )
