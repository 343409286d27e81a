# One file per feature of the model (see the module's other files of it).
# pylint: disable=consider-merging-classes-inherited
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from odoo import api, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .res_company import parse_limits

LOCK_KEY = 718_205  # pg_try_advisory_xact_lock(LOCK_KEY, company_id): one run at a time


class ClientBaseAnalysisRun(models.Model):
    """How a run is computed: one INSERT ... SELECT over the company's purchases
    (client.base.purchase) that ranks the clients (ABC), measures how evenly
    they buy (XYZ) and scores them (RFM), under a lock per company."""

    _inherit = "client.base.analysis.run"

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
        self.write({**self._run_results(), "state": "done"})
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

    def _run_results(self):
        """Values the run gets when it is done, after its lines are written: a
        hook for what a run computes beside the classes (a finished run is a
        snapshot that cannot change afterwards)."""
        self.ensure_one()
        return {}

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
            segment=self._rfm_segment_sql(),
        )

    @api.model
    def _rfm_segment_rules(self):
        """``[(segment, SQL condition on r_score, f_score, m_score)]``: the
        RFM segments, the first matching rule wins, ``need_attention`` when
        none does. A hook: a company's own segments extend or replace them
        (with ``SEGMENTS``, their labels)."""
        return [
            ("champions", SQL("r_score >= 4 AND f_score >= 4 AND m_score >= 4")),
            ("cant_lose", SQL("r_score = 1 AND f_score >= 4 AND m_score >= 4")),
            ("at_risk", SQL("r_score <= 2 AND f_score >= 3")),
            ("loyal", SQL("f_score >= 4")),
            ("potential_loyalists", SQL("r_score >= 4 AND f_score BETWEEN 2 AND 3")),
            ("new", SQL("r_score = 5 AND f_score = 1")),
            ("lost", SQL("r_score = 1 AND f_score = 1")),
            ("hibernating", SQL("r_score <= 2 AND f_score <= 2")),
        ]

    @api.model
    def _rfm_segment_sql(self):
        return SQL(
            "CASE %s ELSE 'need_attention' END",
            SQL(" ").join(
                SQL("WHEN %s THEN %s", condition, segment)
                for segment, condition in self._rfm_segment_rules()
            ),
        )
