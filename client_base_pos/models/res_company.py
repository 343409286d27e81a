from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    client_pos_feedback_enabled = fields.Boolean(
        string="Ask Till Customers to Rate Their Purchase",
        help="Some days after a purchase at the till (the feedback delay), "
        "customers with an email who granted email get an email to rate it "
        "from 1 to 5.",
    )
