from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from odoo.addons.client_base.models.res_company import PURCHASE_BASES

from .res_company import BASES, RFM_SCORINGS, parse_limits

LOCK_KEY = 718_205  # pg_try_advisory_xact_lock(LOCK_KEY, company_id): one run at a time

# RFM segments: the first matching rule wins (PRODUCT.md).
SEGMENT_SQL = SQL(
    """
    CASE
        WHEN r_score >= 4 AND f_score >= 4 AND m_score >= 4 THEN 'champions'
        WHEN r_score = 1 AND f_score >= 4 AND m_score >= 4 THEN 'cant_lose'
        WHEN r_score <= 2 AND f_score >= 3 THEN 'at_risk'
        WHEN f_score >= 4 THEN 'loyal'
        WHEN r_score >= 4 AND f_score BETWEEN 2 AND 3 THEN 'potential_loyalists'
        WHEN r_score = 5 AND f_score = 1 THEN 'new'
        WHEN r_score = 1 AND f_score = 1 THEN 'lost'
        WHEN r_score <= 2 AND f_score <= 2 THEN 'hibernating'
        ELSE 'need_attention'
    END
    """
)


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
        digits=(16, 2),
        help="Share of the revenue brought by the first client.",
    )
    top_five_share = fields.Float(
        string="Top 5 Clients (%)", compute="_compute_concentration", digits=(16, 2)
    )
    top_fifth_share = fields.Float(
        string="Top 20% of Clients (%)",
        compute="_compute_concentration",
        digits=(16, 2),
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
        """SQL rows ``(company_id, partner_id, abc_class, revenue)``: the
        clients' lines in their company's current run."""
        return SQL(
            """
            SELECT run.company_id, line.partner_id, line.abc_class, line.revenue
              FROM (%s) run
              JOIN client_base_analysis_line line ON line.run_id = run.id
            """,
            self._latest_runs_sql(),
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

    # -- parameters ---------------------------------------------------------

    @api.model
    def _check_thresholds(self, abc_a, abc_b, xyz_months, xyz_x, xyz_y):
        if not 0 < abc_a < abc_b <= 100:
            raise ValidationError(
                self.env._("ABC thresholds must increase within 0-100: A below B.")
            )
        if not 0 <= xyz_x < xyz_y <= 100:
            raise ValidationError(
                self.env._("XYZ thresholds must increase within 0-100: X below Y.")
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
        for company in self.env["res.company"].search([]):
            self.with_company(company).create(
                self._default_values_for(company)
            ).action_run()

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

    def _xyz_window(self):
        """First and last day of the last ``xyz_months`` complete calendar months
        ending at the period end."""
        self.ensure_one()
        next_day = self.date_to + timedelta(days=1)
        month_end = (
            self.date_to
            if next_day.day == 1
            else next_day.replace(day=1) - timedelta(days=1)
        )
        month_start = date(month_end.year, month_end.month, 1) - relativedelta(
            months=self.xyz_months - 1
        )
        return month_start, month_end

    # -- the run ------------------------------------------------------------

    def action_run(self):
        for run in self:
            run._run()
        return True

    def _run(self):
        self.ensure_one()
        if self.state == "done":
            raise UserError(self.env._("This analysis has already been run."))
        cr = self.env.cr
        cr.execute(
            SQL(
                "SELECT pg_try_advisory_xact_lock(%s, %s)", LOCK_KEY, self.company_id.id
            )
        )
        if not cr.fetchone()[0]:
            raise UserError(
                self.env._(
                    "An analysis of %s is already running: try again later.",
                    self.company_id.name,
                )
            )
        self.env.flush_all()
        cr.execute(self._insert_lines_sql())
        self.write({"state": "done"})
        self.env["client.base.analysis.line"].invalidate_model()
        self.env["res.partner"]._client_analysis_invalidate()
        # contact standards by ABC class follow the new classes
        if (
            self.env["client.base.contact.rule"]
            .sudo()
            .search_count(
                [
                    ("company_id", "=", self.company_id.id),
                    ("client_abc_class", "!=", False),
                ],
                limit=1,
            )
        ):
            self.company_id._client_contact_refresh_all()

    # -- SQL ----------------------------------------------------------------

    def _facts_sql(self, date_start, date_end):
        """Rows (client_id, moment, amount, counted) between two dates: the
        company's purchases (client.base.purchase) on the run's purchase basis,
        on the company's days, their amount or margin as the run's basis says;
        a refund lowers the amount but is no purchase (``counted`` false)."""
        return SQL(
            """
            SELECT purchase.partner_id AS client_id,
                   purchase.day::timestamp AS moment, %(amount)s AS amount,
                   purchase.counted
              FROM (%(purchases)s) purchase
             WHERE purchase.day >= %(start)s AND purchase.day < %(end)s
               -- the same period on the UTC moment, a day wider whatever the
               -- time zone, for the indexes of the documents
               AND purchase.date >= %(wide_start)s AND purchase.date < %(wide_end)s
            """,
            amount=SQL(
                "purchase.margin" if self.basis == "margin" else "purchase.amount"
            ),
            purchases=self.env["client.base.purchase"]._purchase_query(
                self.company_id, self.purchase_basis
            ),
            start=date_start,
            end=date_end,
            wide_start=date_start - timedelta(days=1),
            wide_end=date_end + timedelta(days=1),
        )

    def _rfm_scores_sql(self):
        """R, F and M score expressions over ``ranked`` and ``totals``."""
        if self.rfm_scoring == "limits":

            def score(column, limits, reverse=False):
                # 1 + the number of limits reached (recency: not exceeded)
                op = SQL("<=") if reverse else SQL(">=")
                return SQL(
                    "(1 + %s)",
                    SQL(" + ").join(
                        SQL("(ranked.%s %s %s)::int", SQL.identifier(column), op, limit)
                        for limit in parse_limits(limits)
                    ),
                )

            return (
                score("recency", self.rfm_recency_limits, reverse=True),
                score("frequency", self.rfm_frequency_limits),
                score("revenue", self.rfm_monetary_limits),
            )

        def quintile(rank_column):
            # 5 x the share of clients at or below the client's value (recency
            # reversed), rounded up: equal values, equal scores. The clients
            # strictly above it are its rank in the other direction minus one.
            return SQL(
                "CEIL(5.0 * (totals.clients - ranked.%s + 1) / totals.clients)::int",
                SQL.identifier(rank_column),
            )

        return quintile("r_rank"), quintile("f_rank"), quintile("m_rank")

    def _insert_lines_sql(self):
        """One statement: the run's facts scanned once and aggregated once per
        client (the revenue of each XYZ month as a filtered sum), classified,
        and written as the snapshot's lines."""
        self.ensure_one()
        xyz_from, xyz_to = self._xyz_window()
        period_end = self.date_to + timedelta(days=1)
        in_period = SQL("moment >= %s AND moment < %s", self.date_from, period_end)
        starts = [xyz_from + relativedelta(months=i) for i in range(self.xyz_months)]
        month_sums = [
            SQL(
                "COALESCE(SUM(amount::float8)"
                " FILTER (WHERE moment >= %s AND moment < %s), 0)",
                start,
                start + relativedelta(months=1),
            )
            for start in starts
        ]
        r_score, f_score, m_score = self._rfm_scores_sql()
        return SQL(
            """
            WITH facts AS (%(facts)s),
            clients AS (
                SELECT client_id,
                       SUM(amount) FILTER (WHERE %(in_period)s) AS revenue,
                       (COUNT(*) FILTER (WHERE counted AND %(in_period)s))::int
                           AS frequency,
                       %(date_to)s - (
                           MAX(moment) FILTER (WHERE counted AND %(in_period)s)
                       )::date AS recency,
                       -- months without revenue count as zeros: the population
                       -- variance is the mean of squares minus the squared mean
                       (%(month_total)s) / %(n)s AS xyz_mean,
                       (%(month_squares)s) / %(n)s AS xyz_square
                  FROM facts GROUP BY client_id
                HAVING COUNT(*) FILTER (WHERE %(in_period)s) > 0
            ),
            -- computed once, whatever the planner guesses of the clients' count;
            -- the classes rank the clients who brought something
            totals AS MATERIALIZED (
                SELECT COUNT(*) AS clients, SUM(revenue) AS total
                  FROM clients WHERE revenue > 0
            ),
            ranked AS (
                -- RANK streams where CUME_DIST would buffer every group of
                -- equal values: thousands of clients share a frequency
                SELECT c.*, ROW_NUMBER() OVER w AS rank,
                       SUM(c.revenue) OVER w AS running,
                       RANK() OVER (ORDER BY c.recency) AS r_rank,
                       RANK() OVER (ORDER BY c.frequency DESC) AS f_rank,
                       RANK() OVER (ORDER BY c.revenue DESC) AS m_rank
                  FROM clients c
                 WHERE c.revenue > 0
                WINDOW w AS (ORDER BY c.revenue DESC, c.client_id
                             ROWS UNBOUNDED PRECEDING)
            ),
            -- materialized: the scores and the variation are computed once per
            -- client, not again in each branch of the class and segment CASEs
            classified AS MATERIALIZED (
                SELECT ranked.client_id, ranked.revenue, ranked.rank,
                       CEIL(100.0 * ranked.rank / totals.clients) AS client_percent,
                       ranked.recency, ranked.frequency,
                       100.0 * ranked.revenue / totals.total AS share,
                       100.0 * ranked.running / totals.total AS cumulative,
                       CASE WHEN 100.0 * (ranked.running - ranked.revenue)
                                 / totals.total < %(abc_a)s THEN 'A'
                            WHEN 100.0 * (ranked.running - ranked.revenue)
                                 / totals.total < %(abc_b)s THEN 'B'
                            ELSE 'C' END AS abc,
                       CASE WHEN ranked.xyz_mean > 0
                            THEN 100.0 * sqrt(GREATEST(ranked.xyz_square
                                 - ranked.xyz_mean * ranked.xyz_mean, 0))
                                 / ranked.xyz_mean END AS cv,
                       %(r_score)s AS r_score, %(f_score)s AS f_score,
                       %(m_score)s AS m_score
                  FROM ranked CROSS JOIN totals
            )
            INSERT INTO client_base_analysis_line (
                run_id, partner_id, revenue, share, cumulative_share, rank,
                client_percent, abc_class, variation, xyz_class, abc_xyz_class,
                recency, frequency,
                r_score, f_score, m_score, rfm_segment)
            SELECT %(run)s, client_id, revenue, share, cumulative, rank,
                   client_percent, abc, cv, xyz, abc || xyz, recency, frequency,
                   r_score, f_score, m_score, %(segment)s
              FROM (SELECT classified.*,
                           CASE WHEN cv IS NULL THEN NULL
                                WHEN cv <= %(xyz_x)s THEN 'X'
                                WHEN cv <= %(xyz_y)s THEN 'Y'
                                ELSE 'Z' END AS xyz
                      FROM classified) classes
             UNION ALL
            -- refunded beyond its purchases (or sold at a loss): a line without
            -- a class, so that the client is seen
            SELECT %(run)s, client_id, revenue, NULL, NULL, NULL, NULL, NULL,
                   NULL, NULL, NULL, recency, frequency, NULL, NULL, NULL, NULL
              FROM clients WHERE revenue <= 0
             -- in client order: the foreign key checks and the index insertions
             -- then walk res_partner and the indexes page by page
             ORDER BY client_id
            """,
            facts=self._facts_sql(
                min(self.date_from, xyz_from),
                max(period_end, xyz_to + timedelta(days=1)),
            ),
            in_period=in_period,
            month_total=SQL(" + ").join(month_sums),
            month_squares=SQL(" + ").join(
                SQL("%s * %s", total, total) for total in month_sums
            ),
            date_to=self.date_to,
            n=self.xyz_months,
            r_score=r_score,
            f_score=f_score,
            m_score=m_score,
            abc_a=self.abc_a,
            abc_b=self.abc_b,
            xyz_x=self.xyz_x,
            xyz_y=self.xyz_y,
            run=self.id,
            segment=SEGMENT_SQL,
        )

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
