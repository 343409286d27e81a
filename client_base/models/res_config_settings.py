from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    client_base_new_days = fields.Integer(
        related="company_id.client_base_new_days", readonly=False
    )
    client_base_regular_orders = fields.Integer(
        related="company_id.client_base_regular_orders", readonly=False
    )
    client_base_regular_window_days = fields.Integer(
        related="company_id.client_base_regular_window_days", readonly=False
    )
    client_base_dormant_min_days = fields.Integer(
        related="company_id.client_base_dormant_min_days", readonly=False
    )
    client_base_dormant_factor = fields.Float(
        related="company_id.client_base_dormant_factor", readonly=False
    )
    client_base_winback_plan_id = fields.Many2one(
        related="company_id.client_base_winback_plan_id", readonly=False
    )
    client_base_winback_daily_cap = fields.Integer(
        related="company_id.client_base_winback_daily_cap", readonly=False
    )
    client_contact_count_activities = fields.Boolean(
        related="company_id.client_contact_count_activities", readonly=False
    )
    client_contact_count_notes = fields.Boolean(
        related="company_id.client_contact_count_notes", readonly=False
    )
    client_contact_count_emails = fields.Boolean(
        related="company_id.client_contact_count_emails", readonly=False
    )
    client_contact_count_orders = fields.Boolean(
        related="company_id.client_contact_count_orders", readonly=False
    )
    client_questionnaire_id = fields.Many2one(
        related="company_id.client_questionnaire_id", readonly=False
    )
    client_questionnaire_at_first_order = fields.Boolean(
        related="company_id.client_questionnaire_at_first_order", readonly=False
    )
    client_feedback_enabled = fields.Boolean(
        related="company_id.client_feedback_enabled", readonly=False
    )
    client_feedback_delay_days = fields.Integer(
        related="company_id.client_feedback_delay_days", readonly=False
    )
    client_round_date_days_ahead = fields.Integer(
        related="company_id.client_round_date_days_ahead", readonly=False
    )
    client_contact_daily_cap = fields.Integer(
        related="company_id.client_contact_daily_cap", readonly=False
    )
    client_purchase_basis = fields.Selection(
        related="company_id.client_purchase_basis", readonly=False
    )
    client_timezone = fields.Selection(
        related="company_id.client_timezone", readonly=False
    )
    client_base_lost_days = fields.Integer(
        related="company_id.client_base_lost_days", readonly=False
    )
