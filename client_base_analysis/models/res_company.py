from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.base.models.res_partner import _tz_get

BASES = [
    ("revenue", "Revenue of confirmed orders"),
    ("margin", "Gross margin of confirmed orders"),
    ("invoice", "Posted invoices net of refunds"),
]
RFM_SCORINGS = [
    ("quintile", "Quintiles: a fifth of the clients per score"),
    ("limits", "Fixed limits"),
]


def parse_limits(text):
    """Four increasing positive numbers written as "30, 90, 180, 365"."""
    try:
        limits = [float(part) for part in (text or "").split(",")]
    except ValueError:
        return None
    if len(limits) != 4 or limits[0] <= 0 or limits != sorted(set(limits)):
        return None
    return limits


class ResCompany(models.Model):
    _inherit = "res.company"

    client_timezone = fields.Selection(
        _tz_get,
        string="Time Zone of the Purchase Rhythm",
        help="Order times are shown in this time zone when the suite says when "
        "clients buy (Odoo companies have none; without it, UTC).",
    )
    client_analysis_months = fields.Integer(
        string="Analysis Period (months)",
        default=12,
        help="A scheduled analysis covers this many months up to yesterday.",
    )
    client_analysis_basis = fields.Selection(
        BASES,
        string="Analysis Basis",
        default="revenue",
        required=True,
        help="What ranks the clients. Gross margin needs the Margins in Sales "
        "module (sale_margin).",
    )
    client_concentration_warning = fields.Float(
        string="Main Client Warning (%)",
        default=20.0,
        help="An analysis warns when one client brings more than this share of "
        "the revenue: the main consumer trap.",
    )
    client_cost_to_serve = fields.Monetary(
        string="Cost to Serve an Order",
        currency_field="currency_id",
        help="What handling one order costs (picking, delivery, paperwork): "
        "clients whose average order is below it appear in Small Orders.",
    )
    client_silent_days = fields.Integer(
        string="Gone Silent Within (days)",
        default=30,
        help="Regular clients turned dormant within these days appear in "
        "Regular Gone Silent.",
    )
    client_strategic_high = fields.Float(
        string="High Strategic Level From", default=70.0
    )
    client_strategic_medium = fields.Float(
        string="Medium Strategic Level From", default=40.0
    )
    client_abc_a = fields.Float(string="Class A up to (%)", default=80.0)
    client_abc_b = fields.Float(string="Class B up to (%)", default=95.0)
    client_xyz_months = fields.Integer(string="XYZ Months", default=12)
    client_xyz_x = fields.Float(string="Class X up to (% variation)", default=10.0)
    client_xyz_y = fields.Float(string="Class Y up to (% variation)", default=25.0)
    client_rfm_scoring = fields.Selection(
        RFM_SCORINGS, string="RFM Scoring", default="quintile", required=True
    )
    client_rfm_recency_limits = fields.Char(
        string="Recency Limits (days)",
        default="30, 90, 180, 365",
        help="Last order at most this many days ago scores 5, 4, 3, 2; older 1.",
    )
    client_rfm_frequency_limits = fields.Char(
        string="Frequency Limits (orders)",
        default="2, 3, 5, 10",
        help="At least this many orders in the period scores 2, 3, 4, 5.",
    )
    client_rfm_monetary_limits = fields.Char(
        string="Monetary Limits",
        default="1000, 5000, 20000, 100000",
        help="At least this revenue in the period scores 2, 3, 4, 5.",
    )

    @api.constrains(
        "client_analysis_months",
        "client_analysis_basis",
        "client_abc_a",
        "client_abc_b",
        "client_xyz_months",
        "client_xyz_x",
        "client_xyz_y",
        "client_rfm_scoring",
        "client_rfm_recency_limits",
        "client_rfm_frequency_limits",
        "client_rfm_monetary_limits",
    )
    def _check_client_analysis_settings(self):
        Run = self.env["client.base.analysis.run"]
        for company in self:
            if company.client_analysis_months < 1:
                raise ValidationError(
                    self.env._("The analysis period must be at least one month.")
                )
            Run._check_thresholds(
                company.client_abc_a,
                company.client_abc_b,
                company.client_xyz_months,
                company.client_xyz_x,
                company.client_xyz_y,
            )
            Run._check_basis(company.client_analysis_basis)
            if company.client_rfm_scoring == "limits":
                Run._check_rfm_limits(
                    company.client_rfm_recency_limits,
                    company.client_rfm_frequency_limits,
                    company.client_rfm_monetary_limits,
                )

    @api.constrains(
        "client_strategic_high",
        "client_strategic_medium",
        "client_concentration_warning",
        "client_cost_to_serve",
        "client_silent_days",
    )
    def _check_client_strategic_settings(self):
        for company in self:
            if company.client_cost_to_serve < 0 or company.client_silent_days < 1:
                raise ValidationError(
                    self.env._(
                        "The cost to serve an order cannot be negative and the "
                        "gone-silent window is at least a day."
                    )
                )
            if not (
                0
                < company.client_strategic_medium
                < company.client_strategic_high
                <= 100
            ):
                raise ValidationError(
                    self.env._(
                        "Strategic levels: medium starts above 0 and below high, "
                        "high at 100 at most."
                    )
                )
            if not 0 < company.client_concentration_warning <= 100:
                raise ValidationError(
                    self.env._("The main client warning is a share between 0 and 100.")
                )
