from odoo import fields, models
from odoo.tools import SQL

from odoo.addons.client_base.models.client_base_status_history import STATUSES

from ..models.client_base_analysis_line import ABC, SEGMENTS

WEEKDAYS = [
    ("1", "Monday"),
    ("2", "Tuesday"),
    ("3", "Wednesday"),
    ("4", "Thursday"),
    ("5", "Friday"),
    ("6", "Saturday"),
    ("7", "Sunday"),
]


class ClientBasePurchaseRhythm(models.Model):
    """When clients buy: one row per confirmed order with its weekday and hour
    in the company's time zone (a Client Base setting: Odoo companies have
    none), the client's current status, ABC class and RFM segment. As a pivot,
    weekdays by hours is the heatmap of the base's purchase rhythm."""

    _name = "client.base.purchase.rhythm"
    _description = "Purchase Rhythm"
    _inherit = "client.base.currency.report"
    _auto = False
    _currency_amounts = ("amount",)
    _order = "date_order desc"
    _rec_name = "order_id"
    _depends = {  # noqa: RUF012
        "sale.order": ["date_order", "state", "partner_id", "company_id", "user_id",
                       "team_id", "amount_untaxed", "currency_rate"],
        "res.partner": ["commercial_partner_id", "client_status"],
        "res.company": ["client_timezone"],
        "client.base.analysis.run": ["company_id", "date_to", "state", "active"],
        "client.base.analysis.line": ["run_id", "partner_id", "abc_class",
                                      "rfm_segment"],
    }  # fmt: skip

    order_id = fields.Many2one("sale.order", readonly=True)
    date_order = fields.Datetime(string="Order Date", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    weekday = fields.Selection(WEEKDAYS, readonly=True)
    hour = fields.Integer(readonly=True, aggregator=False)
    client_status = fields.Selection(
        STATUSES, string="Status", readonly=True, help="The client's status now."
    )
    abc_class = fields.Selection(ABC, string="ABC Class", readonly=True)
    rfm_segment = fields.Selection(SEGMENTS, string="RFM Segment", readonly=True)
    amount = fields.Float(string="Untaxed Amount", readonly=True)
    order_count = fields.Integer(string="Orders", readonly=True)

    def _company_rows_sql(self):
        return SQL(
            """
                WITH latest AS (
                    SELECT DISTINCT ON (company_id) id, company_id
                      FROM client_base_analysis_run
                     WHERE state = 'done' AND active
                     ORDER BY company_id, date_to DESC, id DESC
                ), local AS (
                    SELECT so.id, so.date_order, so.company_id, so.user_id,
                           so.team_id, buyer.commercial_partner_id AS client_id,
                           so.amount_untaxed
                               / COALESCE(NULLIF(so.currency_rate, 0), 1) AS amount,
                           (so.date_order AT TIME ZONE 'UTC')
                               AT TIME ZONE COALESCE(company.client_timezone, 'UTC')
                               AS moment
                      FROM sale_order so
                      JOIN res_company company ON company.id = so.company_id
                      JOIN res_partner buyer ON buyer.id = so.partner_id
                     WHERE so.state = 'sale'
                )
                SELECT local.id, local.id AS order_id, local.date_order,
                       local.client_id AS partner_id, local.company_id,
                       local.user_id, local.team_id, local.amount,
                       1 AS order_count,
                       extract(isodow FROM local.moment)::int::varchar AS weekday,
                       extract(hour FROM local.moment)::int AS hour,
                       client.client_status ->> local.company_id::text
                           AS client_status,
                       line.abc_class, line.rfm_segment
                  FROM local
                  JOIN res_partner client ON client.id = local.client_id
                  LEFT JOIN latest ON latest.company_id = local.company_id
                  LEFT JOIN client_base_analysis_line line
                    ON line.run_id = latest.id AND line.partner_id = local.client_id
                """,
        )
