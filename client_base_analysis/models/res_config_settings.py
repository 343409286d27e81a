from odoo import api, fields, models
from odoo.tools import SQL, format_date, formatLang


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
    client_xyz_distribution = fields.Char(
        string="XYZ on the Latest Analysis",
        compute="_compute_client_xyz_distribution",
        help="How many of the latest analysis' clients the limits above put in "
        "X, Y and Z: its variations, classed by the limits as they are typed.",
    )
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

    @api.depends("company_id", "client_xyz_x", "client_xyz_y")
    def _compute_client_xyz_distribution(self):
        Run = self.env["client.base.analysis.run"]
        for settings in self:
            settings.client_xyz_distribution = False
            run = Run.browse(Run._current_run_id(settings.company_id))
            if not run:
                continue
            self.env["client.base.analysis.line"].flush_model(["run_id", "variation"])
            # a company's numbers, as the settings are: read without the rules
            self.env.cr.execute(
                SQL(
                    """SELECT COUNT(*) FILTER (WHERE variation <= %(x)s),
                              COUNT(*) FILTER (WHERE variation > %(x)s
                                                 AND variation <= %(y)s),
                              COUNT(*) FILTER (WHERE variation > %(y)s)
                         FROM client_base_analysis_line
                        WHERE run_id = %(run)s AND variation IS NOT NULL""",
                    x=settings.client_xyz_x,
                    y=settings.client_xyz_y,
                    run=run.id,
                )
            )
            counts = self.env.cr.fetchone()
            total = sum(counts)
            if not total:
                continue

            def share(count, total=total):
                return formatLang(self.env, 100.0 * count / total, digits=0)

            settings.client_xyz_distribution = self.env._(
                "Clients in X: %(x)s (%(x_share)s%%), Y: %(y)s (%(y_share)s%%), "
                "Z: %(z)s (%(z_share)s%%), over the %(months)s months to %(end)s",
                x=counts[0],
                y=counts[1],
                z=counts[2],
                x_share=share(counts[0]),
                y_share=share(counts[1]),
                z_share=share(counts[2]),
                months=run.sudo().xyz_months,
                end=format_date(self.env, run.sudo().date_to),
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
