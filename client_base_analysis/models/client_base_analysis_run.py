import logging
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from odoo.addons.client_base.models.res_company import PURCHASE_BASES

from .client_base_analysis_line import XYZ_MAX
from .res_company import BASES, RFM_SCORINGS, parse_limits

_logger = logging.getLogger(__name__)


class ClientBaseAnalysisRun(models.Model):
    """A dated snapshot of ABC, XYZ and RFM classes of a company's clients.

    A run is computed once, by one INSERT ... SELECT, and never rewritten; the
    parameters it used are kept on it so old snapshots stay explainable. The
    company's latest finished run gives its clients their current classes.
    """

    _name = "client.base.analysis.run"
    _description = "Client Analysis"
    _order = "date_to desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    date_from = fields.Date(string="From", required=True)
    date_to = fields.Date(string="To", required=True)
    basis = fields.Selection(BASES, required=True)
    purchase_basis = fields.Selection(
        PURCHASE_BASES,
        string="Purchases Counted From",
        required=True,
        default=lambda self: self.env.company.client_purchase_basis,
        help="The company's setting when the analysis was made: its purchases "
        "were its confirmed orders, or its posted invoices net of refunds.",
    )
    abc_a = fields.Float(string="A up to (%)", required=True)
    abc_b = fields.Float(string="B up to (%)", required=True)
    xyz_months = fields.Integer(string="XYZ Months", required=True)
    xyz_x = fields.Float(string="X up to (%)", required=True)
    xyz_y = fields.Float(string="Y up to (%)", required=True)
    rfm_scoring = fields.Selection(RFM_SCORINGS, string="RFM Scoring", required=True)
    rfm_recency_limits = fields.Char(string="Recency Limits (days)")
    rfm_frequency_limits = fields.Char(string="Frequency Limits (orders)")
    rfm_monetary_limits = fields.Char(string="Monetary Limits")
    state = fields.Selection(
        [("draft", "Draft"), ("done", "Done")],
        default="draft",
        required=True,
        readonly=True,
    )
    active = fields.Boolean(default=True)
    line_ids = fields.One2many("client.base.analysis.line", "run_id", string="Clients")
    line_count = fields.Integer(
        compute="_compute_line_count", string="Clients Analysed"
    )
    previous_run_id = fields.Many2one(
        "client.base.analysis.run",
        compute="_compute_previous_run_id",
        string="Previous Analysis",
        help="The company's finished analysis before this one: class migrations "
        "compare with it. Archive analyses to compare with an older one.",
    )

    top_client_share = fields.Float(
        string="Top Client (%)",
        compute="_compute_concentration",
        digits=(16, 1),
        help="Share of the revenue brought by the first client.",
    )
    top_five_share = fields.Float(
        string="Top 5 Clients (%)", compute="_compute_concentration", digits=(16, 1)
    )
    top_fifth_share = fields.Float(
        string="Top 20% of Clients (%)",
        compute="_compute_concentration",
        digits=(16, 1),
        help="Share of the revenue brought by the best fifth of the clients "
        "(rounded up): about 80% in the classic Pareto rule.",
    )
    top_client_id = fields.Many2one("res.partner", compute="_compute_concentration")
    concentration_warning = fields.Boolean(
        compute="_compute_concentration",
        help="One client brings more than the share set in the settings.",
    )

    @api.depends("date_from", "date_to")
    def _compute_name(self):
        for run in self:
            run.name = self.env._(
                "Analysis %(from)s – %(to)s",
                **{"from": run.date_from, "to": run.date_to},
            )

    def _compute_line_count(self):
        counts = dict(
            self.env["client.base.analysis.line"]._read_group(
                [("run_id", "in", self.ids)], ["run_id"], ["__count"]
            )
        )
        for run in self:
            run.line_count = counts.get(run, 0)

    @api.depends_context("uid")
    def _compute_concentration(self):
        """Shares of the top client, the top five and the top fifth of the
        run's clients with revenue, in one query for all runs."""
        self.env["client.base.analysis.line"].flush_model()
        self.env.cr.execute(
            SQL(
                """
                SELECT line.run_id,
                       max(line.share) FILTER (WHERE line.rank = 1),
                       min(line.partner_id) FILTER (WHERE line.rank = 1),
                       sum(line.share) FILTER (WHERE line.rank <= 5),
                       sum(line.share) FILTER (WHERE line.rank <= totals.fifth)
                  FROM client_base_analysis_line line
                  JOIN (SELECT run_id, ceil(count(*) / 5.0) AS fifth
                          FROM client_base_analysis_line
                         WHERE run_id = ANY(%(runs)s) AND revenue > 0
                         GROUP BY run_id) totals ON totals.run_id = line.run_id
                 WHERE line.run_id = ANY(%(runs)s) AND line.revenue > 0
                 GROUP BY line.run_id
                """,
                runs=self.ids,
            )
        )
        shares = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        Partner = self.env["res.partner"]
        for run in self:
            top, top_client, five, fifth = shares.get(run.id, (0, False, 0, 0))
            run.top_client_share = top or 0.0
            # the shares are the company's; the top client is named only to
            # those who may see that client
            run.top_client_id = Partner.browse(top_client)._client_base_visible()
            run.top_five_share = five or 0.0
            run.top_fifth_share = fifth or 0.0
            run.concentration_warning = (
                run.top_client_share > run.company_id.client_concentration_warning
            )

    def _compute_previous_run_id(self):
        for run in self:
            run.previous_run_id = run.state == "done" and self.browse(
                run._previous_run_id()
            )

    def _previous_run_id(self):
        self.ensure_one()
        self._flush_runs()
        self.env.cr.execute(self._previous_run_sql(SQL("%s", self.id)))
        row = self.env.cr.fetchone()
        return row and row[0]

    @api.model
    def _previous_run_sql(self, run_id_sql):
        """Id of the finished active run before the run ``run_id_sql``."""
        return SQL(
            """
            SELECT earlier.id
              FROM client_base_analysis_run this_run
              JOIN client_base_analysis_run earlier
                ON earlier.company_id = this_run.company_id
               AND earlier.state = 'done' AND earlier.active
               AND (earlier.date_to, earlier.id) < (this_run.date_to, this_run.id)
             WHERE this_run.id = %s
             ORDER BY earlier.date_to DESC, earlier.id DESC
             LIMIT 1
            """,
            run_id_sql,
        )

    # -- parameters ---------------------------------------------------------

    @api.model
    def _check_thresholds(self, abc_a, abc_b, xyz_months, xyz_x, xyz_y):
        if not 0 < abc_a < abc_b <= 100:
            raise ValidationError(
                self.env._("ABC thresholds must increase within 0-100: A below B.")
            )
        if not 0 <= xyz_x < xyz_y <= XYZ_MAX:
            raise ValidationError(
                self.env._(
                    "XYZ limits are variations in %% that increase within "
                    "0-%(max)s: X below Y.",
                    max=int(XYZ_MAX),
                )
            )
        if xyz_months < 2:
            raise ValidationError(self.env._("XYZ needs at least two months."))

    @api.model
    def _check_basis(self, basis, purchase_basis):
        if basis == "margin" and not self.env["client.base.purchase"]._margin_known(
            purchase_basis
        ):
            raise ValidationError(
                self.env._(
                    "The gross margin basis needs the Margins in Sales module "
                    "(sale_margin) and purchases counted from confirmed orders: "
                    "Odoo knows no margin of an invoice."
                )
            )

    @api.model
    def _check_rfm_limits(self, *texts):
        for text in texts:
            if not parse_limits(text):
                raise ValidationError(
                    self.env._(
                        "RFM limits must be four increasing positive numbers "
                        "separated by commas, as in “30, 90, 180, 365”; not “%s”.",
                        text or "",
                    )
                )

    @api.constrains(
        "date_from",
        "date_to",
        "basis",
        "purchase_basis",
        "abc_a",
        "abc_b",
        "xyz_months",
        "xyz_x",
        "xyz_y",
        "rfm_scoring",
        "rfm_recency_limits",
        "rfm_frequency_limits",
        "rfm_monetary_limits",
    )
    def _check_parameters(self):
        today = fields.Date.context_today(self)
        for run in self:
            if run.date_from > run.date_to:
                raise ValidationError(self.env._("The analysis period is empty."))
            if run.date_to > today:
                raise ValidationError(
                    self.env._("The analysis period cannot end in the future.")
                )
            self._check_thresholds(
                run.abc_a, run.abc_b, run.xyz_months, run.xyz_x, run.xyz_y
            )
            self._check_basis(run.basis, run.purchase_basis)
            if run.rfm_scoring == "limits":
                self._check_rfm_limits(
                    run.rfm_recency_limits,
                    run.rfm_frequency_limits,
                    run.rfm_monetary_limits,
                )

    @api.model
    def _default_values_for(self, company, date_to=None):
        """Parameters of a new run: the company's settings, ending yesterday."""
        date_to = date_to or fields.Date.context_today(self) - timedelta(days=1)
        return {
            "company_id": company.id,
            "date_from": date_to
            - relativedelta(months=company.client_analysis_months)
            + timedelta(days=1),
            "date_to": date_to,
            "basis": company.client_analysis_basis,
            "purchase_basis": company.client_purchase_basis,
            "abc_a": company.client_abc_a,
            "abc_b": company.client_abc_b,
            "xyz_months": company.client_xyz_months,
            "xyz_x": company.client_xyz_x,
            "xyz_y": company.client_xyz_y,
            "rfm_scoring": company.client_rfm_scoring,
            "rfm_recency_limits": company.client_rfm_recency_limits,
            "rfm_frequency_limits": company.client_rfm_frequency_limits,
            "rfm_monetary_limits": company.client_rfm_monetary_limits,
        }

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        company = (
            self.env["res.company"].browse(values.get("company_id")) or self.env.company
        )
        defaults = self._default_values_for(company)
        return {**{k: v for k, v in defaults.items() if k in fields_list}, **values}

    @api.onchange("company_id")
    def _onchange_company_id(self):
        if self.company_id and self.state == "draft":
            self.update(self._default_values_for(self.company_id, self.date_to))

    @api.model
    def _cron_monthly_analysis(self):
        """Each company's scheduled run; one whose settings no longer hold (a
        basis whose module was removed) is logged and leaves the others be."""
        for company in self.env["res.company"].search([]):
            try:
                with self.env.cr.savepoint():
                    self.with_company(company).create(
                        self._default_values_for(company)
                    ).action_run()
            except (UserError, ValidationError):
                _logger.exception(
                    "Client analysis of %s not run: its settings do not hold",
                    company.name,
                )

    @api.model
    def _demo_analyses(self):
        """The demo story analysed a quarter ago and yesterday, so the matrix,
        the classes on clients and their migrations show at once."""
        company = self.env.company
        yesterday = fields.Date.context_today(self) - timedelta(days=1)
        for date_to in (yesterday - relativedelta(months=3), yesterday):
            self.create(self._default_values_for(company, date_to)).action_run()

    def write(self, vals):
        if any(run.state == "done" for run in self) and set(vals) - {"active"}:
            raise UserError(
                self.env._("A finished analysis is a snapshot: it cannot change.")
            )
        result = super().write(vals)
        if "active" in vals:
            self.env["res.partner"]._client_analysis_invalidate()
        return result

    # -- actions ------------------------------------------------------------

    def _lines_action(self, xml_id, name=None):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(xml_id)
        action["domain"] = [("run_id", "=", self.id)]
        action["context"] = {"client_analysis_run_id": self.id}
        if name:
            action["display_name"] = name
        return action

    def action_view_lines(self):
        return self._lines_action(
            "client_base_analysis.client_base_analysis_line_action"
        )

    def action_view_matrix(self):
        return self._lines_action(
            "client_base_analysis.client_base_analysis_line_action_matrix"
        )

    def action_view_pareto(self):
        return self._lines_action(
            "client_base_analysis.client_base_analysis_line_action_pareto"
        )

    def action_view_segments(self):
        return self._lines_action(
            "client_base_analysis.client_base_analysis_line_action_segments"
        )

    def action_view_migration(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "client_base_analysis.client_base_analysis_migration_action"
        )
        action["domain"] = [("run_id", "=", self.id)]
        return action
