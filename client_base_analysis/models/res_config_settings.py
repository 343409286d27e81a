from odoo import api, fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    client_analysis_months = fields.Integer(
        related="company_id.client_analysis_months", readonly=False
    )
    client_analysis_basis = fields.Selection(
        related="company_id.client_analysis_basis", readonly=False
    )
    client_concentration_warning = fields.Float(
        related="company_id.client_concentration_warning", readonly=False
    )
    client_company_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Client Base Currency"
    )
    client_cost_to_serve = fields.Monetary(
        related="company_id.client_cost_to_serve",
        currency_field="client_company_currency_id",
        readonly=False,
    )
    client_silent_days = fields.Integer(
        related="company_id.client_silent_days", readonly=False
    )
    client_strategic_high = fields.Float(
        related="company_id.client_strategic_high", readonly=False
    )
    client_strategic_medium = fields.Float(
        related="company_id.client_strategic_medium", readonly=False
    )
    client_abc_a = fields.Float(related="company_id.client_abc_a", readonly=False)
    client_abc_b = fields.Float(related="company_id.client_abc_b", readonly=False)
    client_xyz_months = fields.Integer(
        related="company_id.client_xyz_months", readonly=False
    )
    client_xyz_x = fields.Float(related="company_id.client_xyz_x", readonly=False)
    client_xyz_y = fields.Float(related="company_id.client_xyz_y", readonly=False)
    client_rfm_scoring = fields.Selection(
        related="company_id.client_rfm_scoring", readonly=False
    )
    client_rfm_recency_limits = fields.Char(
        related="company_id.client_rfm_recency_limits", readonly=False
    )
    client_rfm_frequency_limits = fields.Char(
        related="company_id.client_rfm_frequency_limits", readonly=False
    )
    client_rfm_monetary_limits = fields.Char(
        related="company_id.client_rfm_monetary_limits", readonly=False
    )

    client_prediction = fields.Boolean(
        related="company_id.client_prediction", readonly=False
    )
    client_prediction_holdout_weeks = fields.Integer(
        related="company_id.client_prediction_holdout_weeks", readonly=False
    )
    client_prediction_discount_rate = fields.Float(
        related="company_id.client_prediction_discount_rate", readonly=False
    )
    client_prediction_alive_limit = fields.Float(
        related="company_id.client_prediction_alive_limit", readonly=False
    )
    client_prediction_error_limit = fields.Float(
        related="company_id.client_prediction_error_limit", readonly=False
    )

    @api.model_create_multi
    def create(self, vals_list):
        """The strategic levels are checked together (medium below high):
        write them to the company at once, before the settings' related
        fields write them one by one. Bounds are checked first: an amount
        beyond rounding would fail on the settings before the company."""
        self._client_base_check_values(vals_list)
        self.env["res.company"]._check_client_analysis_values(vals_list)
        self.env["res.company"]._check_client_prediction_values(vals_list)
        for vals in vals_list:
            levels = {
                fname: vals[fname]
                for fname in ("client_strategic_high", "client_strategic_medium")
                if fname in vals
            }
            if levels:
                company = (
                    self.env["res.company"].browse(vals.get("company_id"))
                    or self.env.company
                )
                company.write(levels)
        return super().create(vals_list)
