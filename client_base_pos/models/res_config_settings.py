from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    client_pos_feedback_enabled = fields.Boolean(
        related="company_id.client_pos_feedback_enabled", readonly=False
    )
