# One file per feature of the model (see the module's other files of it).
# pylint: disable=consider-merging-classes-inherited
from odoo import api, models
from odoo.tools import SQL


class ClientBaseAnalysisRun(models.Model):
    """The current run of each company, its latest finished one, as SQL other
    queries embed: the clients' current classes come from it."""

    _inherit = "client.base.analysis.run"

    @api.model
    def _flush_runs(self):
        """Pending run changes reach the database before raw SQL reads them."""
        self.flush_model(["company_id", "date_to", "state", "active"])

    @api.model
    def _current_run_id(self, company):
        """The company's latest finished active run: its clients' classes."""
        self._flush_runs()
        self.env.cr.execute(SQL("SELECT %s", self._current_run_id_sql(company.id)))
        return self.env.cr.fetchone()[0]

    @api.model
    def _latest_runs_sql(self):
        """SQL rows ``(id, company_id)``: each company's current run, its
        latest finished one (the caller flushes the runs)."""
        return SQL(
            """
            SELECT DISTINCT ON (company_id) id, company_id
              FROM client_base_analysis_run
             WHERE state = 'done' AND active
             ORDER BY company_id, date_to DESC, id DESC
            """
        )

    @api.model
    def _current_lines_sql(self):
        """SQL rows ``(company_id, partner_id, abc_class, revenue, p_alive,
        value_at_risk)``: the clients' lines in their company's current run."""
        return SQL(
            """
            SELECT run.company_id, line.partner_id, line.abc_class, line.revenue,
                   line.p_alive, line.value_at_risk
              FROM (%s) run
              JOIN client_base_analysis_line line ON line.run_id = run.id
            """,
            self._latest_runs_sql(),
        )

    @api.model
    def _current_abc_class_sql(self, partner_id, run_id):
        """SQL: the ABC class of the partner ``partner_id`` (SQL) in the run
        ``run_id`` (an id or SQL of one), for the columns other queries add;
        the runs and their lines are flushed."""
        self._flush_runs()
        self.env["client.base.analysis.line"].flush_model(
            ["run_id", "partner_id", "abc_class"]
        )
        return SQL(
            """(SELECT line.abc_class FROM client_base_analysis_line line
                 WHERE line.partner_id = %s AND line.run_id = %s)""",
            partner_id,
            run_id,
        )

    @api.model
    def _current_run_id_sql(self, company_id):
        """SQL of the current run's id for ``company_id`` (an id or SQL of one),
        to embed in other queries: the caller flushes the runs."""
        return SQL(
            "(SELECT id FROM (%s) latest WHERE company_id = %s)",
            self._latest_runs_sql(),
            company_id,
        )
