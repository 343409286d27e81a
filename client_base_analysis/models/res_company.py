import math
from itertools import pairwise

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import formatLang

from odoo.addons.client_base.models.res_company import MAX_DAYS

from .client_base_analysis_line import XYZ_DEFAULT_X, XYZ_DEFAULT_Y

# what ranks the clients: the amount of their purchases (client.base.purchase,
# counted as the company's "Purchases Counted From" setting says) or its margin
BASES = [
    ("revenue", "Revenue"),
    ("margin", "Gross margin"),
]
RFM_SCORINGS = [
    ("quintile", "Quintiles: a fifth of the clients per score"),
    ("limits", "Fixed limits"),
]


# amounts are below a trillion: far above any real one, and still exact to
# the cent in a float
MAX_AMOUNT = 10**12
# the longest period in months: ten years, as MAX_DAYS in days
MAX_MONTHS = 120
# checked before create and write as well (see _check_client_analysis_values)
BOUNDED_SETTINGS = (
    "client_analysis_months",
    "client_xyz_months",
    "client_silent_days",
    "client_cost_to_serve",
)


def to_number(value):
    """``value`` as a float; NaN for what is no number, so that every bound
    refuses it."""
    try:
        return float(value or 0)
    except (TypeError, ValueError):
        return math.nan


def is_bounded(value, low, high):
    """Whether ``value`` is a number from ``low`` to ``high``."""
    return low <= to_number(value) <= high


def is_amount(value):
    """Whether ``value`` is an amount from 0 to below ``MAX_AMOUNT``."""
    return 0 <= to_number(value) < MAX_AMOUNT


def format_max_amount(env):
    return formatLang(env, MAX_AMOUNT, digits=0)


def parse_limits(text):
    """Four strictly increasing positive numbers below ``MAX_AMOUNT`` written
    as "30, 90, 180, 365" (no infinity, no NaN: they reach the SQL as they
    are)."""
    try:
        limits = [float(part) for part in (text or "").split(",")]
    except ValueError:
        return None
    if (
        len(limits) != 4
        or not all(0 < limit < MAX_AMOUNT for limit in limits)
        or any(lower >= upper for lower, upper in pairwise(limits))
    ):
        return None
    return limits


class ResCompany(models.Model):
    _inherit = "res.company"

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
        help="What ranks the clients: the revenue of their purchases (orders or "
        "invoices, as Purchases Counted From says) or its gross margin, known "
        "for orders with the Margins in Sales module (sale_margin).",
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
    # X buys in half of the months or more, Y comes back in a few of them (two
    # seasons and more), Z buys in one burst a year (see XYZ_DEFAULT_X)
    client_xyz_x = fields.Float(
        string="Class X up to (% variation)", default=XYZ_DEFAULT_X
    )
    client_xyz_y = fields.Float(
        string="Class Y up to (% variation)", default=XYZ_DEFAULT_Y
    )
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

    @api.constrains(*BOUNDED_SETTINGS)
    def _check_client_analysis_bounds(self):
        self._check_client_analysis_values(
            [{fname: company[fname] for fname in BOUNDED_SETTINGS} for company in self]
        )

    @api.constrains(
        "client_analysis_basis",
        "client_purchase_basis",
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
            Run._check_thresholds(
                company.client_abc_a,
                company.client_abc_b,
                company.client_xyz_months,
                company.client_xyz_x,
                company.client_xyz_y,
            )
            Run._check_basis(
                company.client_analysis_basis, company.client_purchase_basis
            )
            if company.client_rfm_scoring == "limits":
                Run._check_rfm_limits(
                    company.client_rfm_recency_limits,
                    company.client_rfm_frequency_limits,
                    company.client_rfm_monetary_limits,
                )
                if parse_limits(company.client_rfm_recency_limits)[-1] > MAX_DAYS:
                    raise ValidationError(
                        self.env._(
                            "Recency limits are days: at most %(max)s (ten years), "
                            "not “%(limits)s”.",
                            max=MAX_DAYS,
                            limits=company.client_rfm_recency_limits,
                        )
                    )

    @api.constrains(
        "client_strategic_high",
        "client_strategic_medium",
        "client_concentration_warning",
    )
    def _check_client_strategic_settings(self):
        for company in self:
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

    def _check_client_analysis_values(self, vals_list):
        """The settings' counts and the cost to serve within bounds; also
        before create and write: a number beyond the database's integers (or
        an amount beyond rounding) would fail there before any constraint."""
        for vals in vals_list:
            if not is_bounded(vals.get("client_analysis_months", 1), 1, MAX_MONTHS):
                raise ValidationError(
                    self.env._(
                        "The analysis period is from 1 to %s months (ten years).",
                        MAX_MONTHS,
                    )
                )
            if not is_bounded(vals.get("client_xyz_months", 2), 2, MAX_MONTHS):
                raise ValidationError(
                    self.env._(
                        "XYZ compares from 2 to %s months (ten years).", MAX_MONTHS
                    )
                )
            if not is_bounded(vals.get("client_silent_days", 1), 1, MAX_DAYS):
                raise ValidationError(
                    self.env._(
                        "The gone-silent window is from 1 to %s days (ten years).",
                        MAX_DAYS,
                    )
                )
            if not is_amount(vals.get("client_cost_to_serve", 0)):
                raise ValidationError(
                    self.env._(
                        "The cost to serve an order is an amount from 0 to below %s.",
                        format_max_amount(self.env),
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        self._client_base_check_values(vals_list)
        self._check_client_analysis_values(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._client_base_check_values([vals])
        self._check_client_analysis_values([vals])
        return super().write(vals)
