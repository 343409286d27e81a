from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.client_base.models.client_base_status_history import STATUSES
from odoo.addons.client_base.report.client_base_purchase import PURCHASE_DEPENDS
from odoo.addons.client_base.tools import page_per_branch

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
# hours of the day as the heat map's columns read them, 07:00 ... (keys
# padded: groups sort by key)
HOURS = [(f"{hour:02d}", f"{hour:02d}:00") for hour in range(24)]


class ClientBasePurchaseRhythm(models.Model):
    """When clients buy: one row per purchase (client.base.purchase) with its
    weekday and hour in the company's time zone (a Client Base setting: Odoo
    companies have none; an invoice has a day and no hour), the client's
    current status, ABC class and RFM segment. As a pivot, weekdays by hours
    is the heatmap of the base's purchase rhythm."""

    _name = "client.base.purchase.rhythm"
    _description = "Purchase Rhythm"
    _inherit = "client.base.currency.report"
    _auto = False
    _currency_amounts = ("amount",)
    _order = "date_order desc"
    _rec_name = "purchase_id"
    _depends = {  # noqa: RUF012
        **PURCHASE_DEPENDS,
        "res.partner": ["commercial_partner_id", "client_status"],
        "client.base.analysis.run": ["company_id", "date_to", "state", "active"],
        "client.base.analysis.line": ["run_id", "partner_id", "abc_class",
                                      "rfm_segment"],
    }  # fmt: skip

    purchase_id = fields.Many2one("client.base.purchase", readonly=True)
    date_order = fields.Datetime(string="Date", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    weekday = fields.Selection(WEEKDAYS, readonly=True)
    hour = fields.Selection(
        HOURS,
        readonly=True,
        help="Hour of the day of the order, in the company's time zone "
        "(Settings): 07:00 is 7:00 to 7:59. Empty for an invoice.",
    )
    client_status = fields.Selection(
        STATUSES, string="Status", readonly=True, help="The client's status now."
    )
    abc_class = fields.Selection(ABC, string="ABC Class", readonly=True)
    rfm_segment = fields.Selection(SEGMENTS, string="RFM Segment", readonly=True)
    amount = fields.Monetary(string="Untaxed Amount", readonly=True)
    order_count = fields.Integer(string="Orders", readonly=True)

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        # a page (the list's newest purchases) read from each source's first
        # rows, not from every purchase sorted
        query = super()._search(domain, offset=offset, limit=limit, order=order)
        if limit and not query.is_empty():
            sources = self.env["client.base.purchase"]._purchase_sources()
            page_per_branch(
                query,
                [
                    self._currency_rows_sql(
                        SQL("(%s)", self._company_rows_sql(SQL("(%s)", build(None))))
                    )
                    for _basis, build in sources
                ],
            )
        return query

    def _company_rows_sql(self, purchases=None):
        """The rows, of every purchase (the view ``client_base_purchase``) or
        of ``purchases`` (SQL: a query of its columns)."""
        return SQL(
            """
            SELECT purchase.id, purchase.id AS purchase_id,
                   purchase.date AS date_order, purchase.partner_id,
                   purchase.company_id, purchase.user_id, purchase.team_id,
                   purchase.amount, 1 AS order_count,
                   extract(isodow FROM purchase.day)::int::varchar AS weekday,
                   lpad(purchase.hour::text, 2, '0') AS hour,
                   client.client_status ->> purchase.company_id::text
                       AS client_status,
                   line.abc_class, line.rfm_segment
              FROM %(purchases)s purchase
              JOIN res_partner client ON client.id = purchase.partner_id
              LEFT JOIN (%(latest)s) latest
                ON latest.company_id = purchase.company_id
              LEFT JOIN client_base_analysis_line line
                ON line.run_id = latest.id AND line.partner_id = purchase.partner_id
             WHERE purchase.counted
            """,
            purchases=purchases or SQL.identifier("client_base_purchase"),
            latest=self.env["client.base.analysis.run"]._latest_runs_sql(),
        )
