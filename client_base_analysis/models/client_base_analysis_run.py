from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

LOCK_KEY = 718_205  # pg_try_advisory_xact_lock(LOCK_KEY, company_id): one run at a time


class ClientBaseAnalysisRun(models.Model):
    """A dated snapshot of ABC, XYZ and RFM classes of a company's clients.

    A run is computed once, by one INSERT ... SELECT, and never rewritten; the
    thresholds it used are kept on it so old snapshots stay explainable.
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
    abc_a = fields.Float(string="A up to (%)", required=True)
    abc_b = fields.Float(string="B up to (%)", required=True)
    xyz_months = fields.Integer(string="XYZ Months", required=True)
    xyz_x = fields.Float(string="X up to (%)", required=True)
    xyz_y = fields.Float(string="Y up to (%)", required=True)
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

    @api.constrains(
        "date_from", "date_to", "abc_a", "abc_b", "xyz_months", "xyz_x", "xyz_y"
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
            if not 0 < run.abc_a < run.abc_b <= 100:
                raise ValidationError(
                    self.env._("ABC thresholds must increase within 0-100: A below B.")
                )
            if not 0 <= run.xyz_x < run.xyz_y <= 100:
                raise ValidationError(
                    self.env._("XYZ thresholds must increase within 0-100: X below Y.")
                )
            if run.xyz_months < 2:
                raise ValidationError(self.env._("XYZ needs at least two months."))

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
            "abc_a": company.client_abc_a,
            "abc_b": company.client_abc_b,
            "xyz_months": company.client_xyz_months,
            "xyz_x": company.client_xyz_x,
            "xyz_y": company.client_xyz_y,
        }

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        company = (
            self.env["res.company"].browse(values.get("company_id")) or self.env.company
        )
        defaults = self._default_values_for(company)
        return {**{k: v for k, v in defaults.items() if k in fields_list}, **values}

    @api.model
    def _cron_monthly_analysis(self):
        for company in self.env["res.company"].search([]):
            self.with_company(company).create(
                self._default_values_for(company)
            ).action_run()

    def write(self, vals):
        if any(run.state == "done" for run in self) and set(vals) - {"active"}:
            raise UserError(
                self.env._("A finished analysis is a snapshot: it cannot change.")
            )
        return super().write(vals)

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
        xyz_from, xyz_to = self._xyz_window()
        cr.execute(self._insert_lines_sql(xyz_from, xyz_to))
        self.write({"state": "done"})
        self.env["client.base.analysis.line"].invalidate_model()
        self.env["res.partner"]._client_analysis_publish(self)

    def _order_amount_sql(self):
        """Amount of an order ``so`` on the run's basis, in company currency."""
        return SQL("so.amount_untaxed / COALESCE(NULLIF(so.currency_rate, 0), 1)")

    def _insert_lines_sql(self, xyz_from, xyz_to):
        return SQL(
            """
            WITH orders AS (
                SELECT p.commercial_partner_id AS client_id, so.date_order,
                       %(amount)s AS amount
                  FROM sale_order so
                  JOIN res_partner p ON p.id = so.partner_id
                 WHERE so.state = 'sale' AND so.company_id = %(company)s
                   AND so.date_order >= %(date_from)s AND so.date_order < %(date_end)s
            ),
            clients AS (
                SELECT client_id, SUM(amount) AS revenue, COUNT(*) AS frequency,
                       %(date_to)s - MAX(date_order)::date AS recency
                  FROM orders GROUP BY client_id
                HAVING SUM(amount) > 0
            ),
            ranked AS (
                SELECT c.*,
                       ROW_NUMBER() OVER w AS rank,
                       100.0 * revenue / SUM(revenue) OVER () AS share,
                       100.0 * SUM(revenue) OVER w / SUM(revenue) OVER () AS cumulative,
                       100.0 * (SUM(revenue) OVER w - revenue) / SUM(revenue) OVER ()
                           AS share_above,
                       LEAST(5, CEIL(5 * CUME_DIST() OVER (ORDER BY recency DESC)))::int
                           AS r_score,
                       LEAST(5, CEIL(5 * CUME_DIST() OVER (ORDER BY frequency)))::int
                           AS f_score,
                       LEAST(5, CEIL(5 * CUME_DIST() OVER (ORDER BY revenue)))::int
                           AS m_score
                  FROM clients c
                WINDOW w AS (ORDER BY revenue DESC, client_id
                             ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
            ),
            months AS (
                SELECT p.commercial_partner_id AS client_id,
                       date_trunc('month', so.date_order) AS month,
                       SUM(%(amount)s) AS amount
                  FROM sale_order so
                  JOIN res_partner p ON p.id = so.partner_id
                 WHERE so.state = 'sale' AND so.company_id = %(company)s
                   AND so.date_order >= %(xyz_from)s AND so.date_order < %(xyz_end)s
                   AND p.commercial_partner_id IN (SELECT client_id FROM clients)
                 GROUP BY 1, 2
            ),
            variation AS (
                -- months without revenue count as zeros: population variance is
                -- sum of squares / N - mean^2 over all N months
                SELECT client_id,
                       100.0 * sqrt(GREATEST(
                           SUM(amount * amount) / %(n)s
                               - power(SUM(amount) / %(n)s, 2),
                           0
                       )) / NULLIF(SUM(amount) / %(n)s, 0) AS cv
                  FROM months GROUP BY client_id
            ),
            classified AS (
                SELECT r.*, v.cv,
                       CASE WHEN r.share_above < %(abc_a)s THEN 'A'
                            WHEN r.share_above < %(abc_b)s THEN 'B'
                            ELSE 'C' END AS abc,
                       CASE WHEN v.cv IS NULL THEN NULL
                            WHEN v.cv <= %(xyz_x)s THEN 'X'
                            WHEN v.cv <= %(xyz_y)s THEN 'Y'
                            ELSE 'Z' END AS xyz
                  FROM ranked r
                  LEFT JOIN variation v ON v.client_id = r.client_id
            )
            INSERT INTO client_base_analysis_line (
                run_id, company_id, partner_id, revenue, share, cumulative_share, rank,
                abc_class, variation, xyz_class, abc_xyz_class, recency, frequency,
                r_score, f_score, m_score, rfm_segment,
                create_uid, write_uid, create_date, write_date)
            SELECT %(run)s, %(company)s, client_id, revenue, share, cumulative, rank,
                   abc, cv, xyz, abc || xyz, recency, frequency,
                   r_score, f_score, m_score,
                   CASE
                       WHEN r_score >= 4 AND f_score >= 4 AND m_score >= 4
                           THEN 'champions'
                       WHEN r_score = 1 AND f_score >= 4 AND m_score >= 4
                           THEN 'cant_lose'
                       WHEN r_score <= 2 AND f_score >= 3 THEN 'at_risk'
                       WHEN f_score >= 4 THEN 'loyal'
                       WHEN r_score >= 4 AND f_score BETWEEN 2 AND 3
                           THEN 'potential_loyalists'
                       WHEN r_score = 5 AND f_score = 1 THEN 'new'
                       WHEN r_score = 1 AND f_score = 1 THEN 'lost'
                       WHEN r_score <= 2 AND f_score <= 2 THEN 'hibernating'
                       ELSE 'need_attention'
                   END,
                   %(uid)s, %(uid)s, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
              FROM classified
            """,
            amount=self._order_amount_sql(),
            company=self.company_id.id,
            date_from=self.date_from,
            date_end=self.date_to + timedelta(days=1),
            date_to=self.date_to,
            xyz_from=xyz_from,
            xyz_end=xyz_to + timedelta(days=1),
            n=self.xyz_months,
            abc_a=self.abc_a,
            abc_b=self.abc_b,
            xyz_x=self.xyz_x,
            xyz_y=self.xyz_y,
            run=self.id,
            uid=self.env.uid,
        )

    def action_view_lines(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "client_base_analysis.client_base_analysis_line_action"
        )
        action["domain"] = [("run_id", "=", self.id)]
        return action
