from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..models.res_company import is_bounded
from ..wizard.client_base_yearly_review import YEAR_MAX, YEAR_MIN


class ClientBaseHealthDashboard(models.TransientModel):
    """The base health at a glance: this year so far against last year
    (revenue, clients, repeat share, churn, new clients and what one cost)
    and the concentration of the latest analysis, with the way into each
    health view. Numbers come from the health views themselves, so a
    salesperson sees their own clients' and a manager their companies'."""

    _name = "client.base.health.dashboard"
    _description = "Base Health"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    year = fields.Integer(
        required=True, default=lambda self: fields.Date.context_today(self).year
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    revenue = fields.Monetary(compute="_compute_figures")
    previous_revenue = fields.Monetary(compute="_compute_figures")
    client_count = fields.Integer(
        string="Clients Who Bought", compute="_compute_figures"
    )
    previous_client_count = fields.Integer(compute="_compute_figures")
    repeat_share = fields.Float(string="Repeat Share (%)", compute="_compute_figures")
    previous_repeat_share = fields.Float(compute="_compute_figures")
    churn_rate = fields.Float(string="Churn Rate (%)", compute="_compute_figures")
    previous_churn_rate = fields.Float(compute="_compute_figures")
    new_client_count = fields.Integer(string="New Clients", compute="_compute_figures")
    previous_new_client_count = fields.Integer(compute="_compute_figures")
    cost_per_client = fields.Monetary(
        string="Cost of a New Client", compute="_compute_figures"
    )
    previous_cost_per_client = fields.Monetary(compute="_compute_figures")
    top_client_id = fields.Many2one("res.partner", compute="_compute_figures")
    top_client_share = fields.Float(string="Top Client (%)", compute="_compute_figures")
    top_fifth_share = fields.Float(
        string="Top 20% of Clients (%)", compute="_compute_figures"
    )
    concentration_warning = fields.Boolean(compute="_compute_figures")

    @api.depends("company_id", "year")
    def _compute_figures(self):
        Run = self.env["client.base.analysis.run"]
        for dashboard in self:
            figures = {}
            # a year still being typed in the form has no figures (nor dates)
            if YEAR_MIN <= dashboard.year <= YEAR_MAX:
                review = self.env["client.base.yearly.review"].new(
                    {"company_id": dashboard.company_id.id, "year": dashboard.year}
                )
                figures = review._yearly_figures()
            this = figures.get(dashboard.year, {})
            last = figures.get(dashboard.year - 1, {})
            for prefix, values in (("", this), ("previous_", last)):
                dashboard[f"{prefix}revenue"] = values.get("revenue") or 0.0
                dashboard[f"{prefix}client_count"] = values.get("clients") or 0
                dashboard[f"{prefix}repeat_share"] = values.get("repeat_share") or 0.0
                dashboard[f"{prefix}churn_rate"] = values.get("churn_rate") or 0.0
                dashboard[f"{prefix}new_client_count"] = values.get("new_clients") or 0
                dashboard[f"{prefix}cost_per_client"] = values.get("cost") or 0.0
            run = Run.browse(Run._current_run_id(dashboard.company_id))
            dashboard.top_client_id = run.top_client_id
            dashboard.top_client_share = run.top_client_share
            dashboard.top_fifth_share = run.top_fifth_share
            dashboard.concentration_warning = run.concentration_warning

    @api.constrains("year")
    def _check_year(self):
        self._check_year_values(self.mapped("year"))

    def _check_year_values(self, years):
        # also before create: a year beyond the database's integers would
        # otherwise fail there, before any constraint
        if any(not is_bounded(year, YEAR_MIN, YEAR_MAX) for year in years):
            raise ValidationError(
                self.env._(
                    "Choose a year from %(first)s to %(last)s.",
                    first=YEAR_MIN,
                    last=YEAR_MAX,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_year_values([vals["year"] for vals in vals_list if "year" in vals])
        return super().create(vals_list)

    def _open(self, xml_id):
        return self.env["ir.actions.act_window"]._for_xml_id(
            f"client_base_analysis.{xml_id}"
        )

    def action_open_repeat(self):
        return self._open("client_base_health_repeat_action")

    def action_open_churn(self):
        return self._open("client_base_health_churn_action")

    def action_open_cohort(self):
        return self._open("client_base_health_cohort_action")

    def action_open_acquisition(self):
        return self._open("client_base_health_acquisition_action")

    def action_open_analysis(self):
        return self._open("client_base_analysis_run_action")
