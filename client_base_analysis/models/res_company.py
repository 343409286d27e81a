from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    client_analysis_months = fields.Integer(
        string="Analysis Period (months)",
        default=12,
        help="A scheduled analysis covers this many months up to yesterday.",
    )
    client_abc_a = fields.Float(string="Class A up to (%)", default=80.0)
    client_abc_b = fields.Float(string="Class B up to (%)", default=95.0)
    client_xyz_months = fields.Integer(string="XYZ Months", default=12)
    client_xyz_x = fields.Float(string="Class X up to (% variation)", default=10.0)
    client_xyz_y = fields.Float(string="Class Y up to (% variation)", default=25.0)
