from odoo import fields, models
from odoo.tools import SQL, create_index

ABC = [("A", "A"), ("B", "B"), ("C", "C")]
XYZ = [("X", "X"), ("Y", "Y"), ("Z", "Z")]
# default limits of the coefficient of variation of monthly revenue, in %:
# a client buying evenly in k of 12 months varies by 100 * sqrt(12 / k - 1),
# 0 every month, 100 in six, 224 in two, 332 in one (see CONFIGURE.md)
XYZ_DEFAULT_X = 100.0
XYZ_DEFAULT_Y = 250.0
# one month of revenue in ten years varies by 100 * sqrt(119), about 1,091%
XYZ_MAX = 1100.0
ABC_XYZ = [(f"{a}{x}", f"{a}{x}") for a in "ABC" for x in "XYZ"]
SEGMENTS = [
    ("champions", "Champions"),
    ("cant_lose", "Can't lose"),
    ("at_risk", "At risk"),
    ("loyal", "Loyal"),
    ("potential_loyalists", "Potential loyalists"),
    ("new", "New customers"),
    ("lost", "Lost customers"),
    ("hibernating", "Hibernating"),
    ("need_attention", "Need attention"),
]


class ClientBaseAnalysisLine(models.Model):
    """One client in one analysis run: written once by the run's INSERT.

    Lines carry no create/write log of their own (the run has it) and take their
    company from the run: a snapshot of 100,000 clients is written without
    checking five foreign keys per row.
    """

    _name = "client.base.analysis.line"
    _description = "Client Analysis Line"
    _order = "run_id desc, rank"
    _rec_name = "partner_id"
    _log_access = False
    _inherit = "client.base.readable.report"
    _currency_amounts = (
        "revenue",
        "expected_average_value",
        "predicted_value",
        "value_at_risk",
    )

    run_id = fields.Many2one(
        "client.base.analysis.run", required=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="run_id.company_id")
    date_to = fields.Date(related="run_id.date_to", string="Analysis Date")
    currency_id = fields.Many2one(related="run_id.company_id.currency_id")
    # a deleted client leaves its numbers in the snapshot, without a name
    partner_id = fields.Many2one(
        "res.partner", string="Client", index=True, ondelete="set null"
    )
    revenue = fields.Monetary(help="Amount on the analysis basis, in company currency.")
    share = fields.Float(string="Share (%)", digits=(16, 1), aggregator="sum")
    cumulative_share = fields.Float(
        string="Cumulative Share (%)", digits=(16, 1), aggregator="max"
    )
    rank = fields.Integer(aggregator="min")
    client_percent = fields.Integer(
        string="Clients (%)",
        aggregator="max",
        help="Share of the clients ranked at or above this one, rounded up: "
        "the horizontal axis of the Pareto curve.",
    )
    abc_class = fields.Selection(ABC, string="ABC")
    variation = fields.Float(
        string="Variation (%)",
        digits=(16, 2),
        aggregator="avg",
        help="Coefficient of variation of the monthly revenue.",
    )
    xyz_class = fields.Selection(XYZ, string="XYZ")
    abc_xyz_class = fields.Selection(ABC_XYZ, string="ABC×XYZ")
    recency = fields.Integer(string="Recency (days)", aggregator="avg")
    frequency = fields.Integer(string="Orders", aggregator="sum")
    r_score = fields.Integer(string="R", aggregator="avg")
    f_score = fields.Integer(string="F", aggregator="avg")
    m_score = fields.Integer(string="M", aggregator="avg")
    rfm_segment = fields.Selection(SEGMENTS, string="RFM Segment")
    # predicted client value (see client_base_analysis_run_prediction.py);
    # empty when the run did not predict
    prediction_state = fields.Selection(related="run_id.prediction_state")
    p_alive = fields.Float(
        string="Chance Still Buying",
        digits=(16, 4),
        aggregator="avg",
        help="Probability that the client still buys from us (BG/NBD), given "
        "how often it bought and how long ago it last did.",
    )
    expected_purchases_90 = fields.Float(
        string="Expected Purchases (90 days)", digits=(16, 2)
    )
    expected_purchases_365 = fields.Float(
        string="Expected Purchases (year)", digits=(16, 2)
    )
    expected_average_value = fields.Monetary(
        string="Expected Purchase Value",
        aggregator="avg",
        help="What one future purchase of the client is expected to bring "
        "(Gamma-Gamma), on the analysis basis, in company currency.",
    )
    predicted_value = fields.Monetary(
        string="Predicted Value (12 months)",
        help="Expected purchases of the next twelve months times the expected "
        "purchase value, discounted as the settings say.",
    )
    value_at_risk = fields.Monetary(
        help="The client's yearly revenue of the analysis period times the "
        "chance that it no longer buys.",
    )

    is_current = fields.Boolean(
        string="Latest Analysis",
        compute="_compute_is_current",
        search="_search_is_current",
        help="The line belongs to its company's latest finished analysis.",
    )

    def _current_runs_sql(self):
        self.env["client.base.analysis.run"]._flush_runs()
        return SQL(
            "(SELECT id FROM (%s) latest)",
            self.env["client.base.analysis.run"]._latest_runs_sql(),
        )

    def _compute_is_current(self):
        self.env.cr.execute(self._current_runs_sql())
        current = {run_id for (run_id,) in self.env.cr.fetchall()}
        for line in self:
            line.is_current = line.run_id.id in current

    def _search_is_current(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(operator)
        positive = (operator == "=") == value
        return [("run_id", "in" if positive else "not in", self._current_runs_sql())]

    def init(self):
        # the lines of one run, and a client's line in a run (current classes)
        create_index(
            self.env.cr,
            "client_base_analysis_line_run_partner_index",
            self._table,
            ["run_id", "partner_id"],
        )

    def action_open_client(self):
        self.ensure_one()
        return self.partner_id.get_formview_action()
