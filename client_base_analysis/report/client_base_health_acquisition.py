from odoo import fields, models
from odoo.tools import SQL

from .client_base_health_repeat import HEALTH_DEPENDS


class ClientBaseHealthAcquisition(models.Model):
    """New clients by source and month, and what one cost (readme/DESCRIPTION.md):
    marketing spend of a source or campaign over a period, divided by the
    clients whose first confirmed order in the company falls in it and who
    came from it. Rows are new clients (one each) and monthly slices of the
    spend (spread over the period's months by their days), so any grouping by
    month, quarter or year, source or campaign divides the right sums."""

    _name = "client.base.health.acquisition"
    _description = "Client Acquisition"
    _inherit = "client.base.currency.report"
    _auto = False
    _currency_amounts = ("spend", "cost_per_client")
    _order = "month desc, id"
    _depends = {  # noqa: RUF012
        **HEALTH_DEPENDS,
        "res.partner": ["commercial_partner_id", "user_id", "client_source_id",
                        "client_source_campaign_id"],
        "client.base.marketing.spend": ["company_id", "source_id", "campaign_id",
                                        "date_from", "date_to", "amount"],
    }  # fmt: skip

    month = fields.Date(readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    partner_id = fields.Many2one("res.partner", string="New Client", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    source_id = fields.Many2one("client.base.source", readonly=True)
    campaign_id = fields.Many2one("utm.campaign", readonly=True)
    spend_id = fields.Many2one("client.base.marketing.spend", readonly=True)
    new_client_count = fields.Integer(string="New Clients", readonly=True)
    paid_client_count = fields.Integer(
        string="New Clients From Spend",
        readonly=True,
        help="New clients whose source or campaign had marketing spend recorded "
        "over their first order's day.",
    )
    spend = fields.Monetary(string="Marketing Spend", readonly=True)
    cost_per_client = fields.Monetary(
        string="Cost per New Client",
        readonly=True,
        aggregator="avg",
        help="Marketing spend over the new clients it brought.",
    )

    def _read_group_select(self, aggregate_spec, query):
        if aggregate_spec != "cost_per_client:avg":
            return super()._read_group_select(aggregate_spec, query)
        return SQL(
            "NULLIF(SUM(%s), 0) / NULLIF(SUM(%s), 0)",
            self._field_to_sql(self._table, "spend", query),
            self._field_to_sql(self._table, "paid_client_count", query),
        )

    def _company_rows_sql(self):
        return SQL(
            """
                -- each client's first purchase, kept in the purchases'
                -- summary by client
                WITH firsts AS (
                    SELECT company_id, partner_id AS client_id, first_day
                      FROM client_base_purchase_client
                     WHERE first_day IS NOT NULL
                ), slices AS (
                    SELECT spend.id AS spend_id, spend.company_id,
                           spend.source_id, spend.campaign_id, m.month::date,
                           spend.amount
                               * (LEAST(spend.date_to,
                                        (m.month + interval '1 month - 1 day')::date)
                                  - GREATEST(spend.date_from, m.month::date) + 1)
                               / (spend.date_to - spend.date_from + 1) AS amount,
                           row_number() OVER (PARTITION BY spend.id ORDER BY m.month)
                               AS slice
                      FROM client_base_marketing_spend spend
                     CROSS JOIN LATERAL generate_series(
                           date_trunc('month', spend.date_from),
                           date_trunc('month', spend.date_to),
                           interval '1 month') AS m(month)
                )
                SELECT (f.client_id::bigint * 4096 + f.company_id) * 2 AS id,
                       date_trunc('month', f.first_day)::date AS month,
                       f.company_id, f.client_id AS partner_id, client.user_id,
                       client.client_source_id AS source_id,
                       client.client_source_campaign_id AS campaign_id,
                       NULL::int AS spend_id, 1 AS new_client_count,
                       EXISTS (
                           SELECT 1 FROM client_base_marketing_spend spend
                            WHERE spend.company_id = f.company_id
                              AND f.first_day BETWEEN spend.date_from
                                                  AND spend.date_to
                              AND (spend.source_id = client.client_source_id
                                   OR spend.campaign_id
                                      = client.client_source_campaign_id)
                       )::int AS paid_client_count,
                       0.0 AS spend, 0.0 AS cost_per_client
                  FROM firsts f
                  JOIN res_partner client ON client.id = f.client_id
                UNION ALL
                SELECT (s.spend_id::bigint * 4096 + s.slice) * 2 + 1, s.month,
                       s.company_id, NULL, NULL, s.source_id, s.campaign_id,
                       s.spend_id, 0, 0, s.amount, s.amount
                  FROM slices s
                """
        )
