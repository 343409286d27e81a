from odoo import fields, models

ABC = [("A", "A"), ("B", "B"), ("C", "C")]
XYZ = [("X", "X"), ("Y", "Y"), ("Z", "Z")]
ABC_XYZ = [(f"{a}{x}", f"{a}{x}") for a in "ABC" for x in "XYZ"]
SEGMENTS = [
    ("champions", "Champions"),
    ("cant_lose", "Can't lose"),
    ("at_risk", "At risk"),
    ("loyal", "Loyal"),
    ("potential_loyalists", "Potential loyalists"),
    ("new", "New"),
    ("lost", "Lost"),
    ("hibernating", "Hibernating"),
    ("need_attention", "Need attention"),
]


class ClientBaseAnalysisLine(models.Model):
    """One client in one analysis run: written once by the run's INSERT."""

    _name = "client.base.analysis.line"
    _description = "Client Analysis Line"
    _order = "run_id desc, rank"
    _rec_name = "partner_id"

    run_id = fields.Many2one(
        "client.base.analysis.run", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one("res.company", required=True, index=True)
    partner_id = fields.Many2one(
        "res.partner", string="Client", required=True, index=True
    )
    revenue = fields.Float(digits=(16, 2))
    share = fields.Float(string="Share (%)", digits=(16, 4), aggregator="sum")
    cumulative_share = fields.Float(
        string="Cumulative Share (%)", digits=(16, 4), aggregator="max"
    )
    rank = fields.Integer(aggregator="min")
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
