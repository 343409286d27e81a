from datetime import date

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL, formatLang

from odoo.addons.client_base.models.client_base_status_history import STATUSES

from ..models.client_base_analysis_line import ABC
from ..models.res_company import is_bounded

# the years the suite reviews and shows: its clients' orders are of this century
YEAR_MIN = 2000
YEAR_MAX = 2100


class ClientBaseYearlyReview(models.TransientModel):
    """The yearly client-base review (the base is analysed once a year):
    a year's key numbers against the year before, printed as a PDF. The
    calendar-year analyses it compares are run when missing."""

    _name = "client.base.yearly.review"
    _description = "Yearly Client-Base Review"

    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    year = fields.Integer(
        required=True, default=lambda self: fields.Date.context_today(self).year - 1
    )

    @api.constrains("year")
    def _check_year(self):
        self._check_year_values(self.mapped("year"))

    def _check_year_values(self, years):
        # also before create: a year beyond the database's integers would
        # otherwise fail there, before any constraint
        this_year = fields.Date.context_today(self).year
        if any(not is_bounded(year, YEAR_MIN, this_year - 1) for year in years):
            raise ValidationError(
                self.env._("Review a finished year, from 2000 to %s.", this_year - 1)
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._check_year_values([vals["year"] for vals in vals_list if "year" in vals])
        return super().create(vals_list)

    def action_print(self):
        self.ensure_one()
        self._year_runs()
        return self.env.ref(
            "client_base_analysis.action_report_yearly_review"
        ).report_action(self)

    # -- the numbers ----------------------------------------------------------

    def _year_run(self, year):
        """The company's analysis of the calendar year, run when missing."""
        Run = self.env["client.base.analysis.run"].with_context(active_test=False)
        start, end = date(year, 1, 1), date(year, 12, 31)
        run = Run.search(
            [
                ("company_id", "=", self.company_id.id),
                ("state", "=", "done"),
                ("date_from", "=", start),
                ("date_to", "=", end),
            ],
            limit=1,
        )
        if not run:
            # archived: a review must not become the clients' current classes
            run = Run.create(
                {
                    **Run._default_values_for(self.company_id, end),
                    "date_from": start,
                    "date_to": end,
                    "active": False,
                }
            )
            run.action_run()
        return run

    def _year_runs(self):
        return self._year_run(self.year), self._year_run(self.year - 1)

    def _yearly_figures(self):
        """{year: {revenue, clients, orders, repeat_share, churn_rate,
        new_clients, spend, cost_per_client}} for the two years, each from the
        report that defines it (one grouped query per report)."""
        company = self.company_id
        years = [self.year - 1, self.year]
        figures = {year: {} for year in years}
        start = date(self.year - 1, 1, 1)
        end = date(self.year + 1, 1, 1)
        domain = [("company_id", "=", company.id)]
        period = [("month", ">=", start), ("month", "<", end)]
        Repeat = self.env["client.base.health.repeat"].with_company(company)
        for month, revenue, share, orders, clients in Repeat._read_group(
            domain + period,
            ["month:year"],
            [
                "revenue:sum",
                "repeat_share:avg",
                "order_count:sum",
                "partner_id:count_distinct",
            ],
        ):
            figures[month.year].update(
                revenue=revenue, repeat_share=share or 0.0, orders=orders,
                clients=clients,
            )  # fmt: skip
        Churn = self.env["client.base.health.churn"].with_company(company)
        for year, rate in Churn._read_group(
            domain + [("year", "in", years)], ["year"], ["churn_rate:avg"]
        ):
            figures[year]["churn_rate"] = rate or 0.0
        Acquisition = self.env["client.base.health.acquisition"].with_company(company)
        for month, new, spend, cost in Acquisition._read_group(
            domain + period,
            ["month:year"],
            ["new_client_count:sum", "spend:sum", "cost_per_client:avg"],
        ):
            figures[month.year].update(new_clients=new, spend=spend, cost=cost)
        return figures

    def _statuses_at_year_end(self):
        """{year: {status: clients}} as the status history stood on 31
        December: each client's latest change up to then."""
        self.env["client.base.status.history"].flush_model()
        counts = {}
        for year in (self.year - 1, self.year):
            self.env.cr.execute(
                SQL(
                    """
                    SELECT status, count(*) FROM (
                        SELECT DISTINCT ON (partner_id) status_to AS status
                          FROM client_base_status_history
                         WHERE company_id = %s AND date < %s
                         ORDER BY partner_id, date DESC, id DESC) latest
                     GROUP BY status
                    """,
                    self.company_id.id,
                    date(year + 1, 1, 1),
                )
            )
            counts[year] = dict(self.env.cr.fetchall())
        return counts

    def _classes(self, run):
        """{class: (clients, revenue share)} of a run."""
        self.env.cr.execute(
            SQL(
                """
                SELECT abc_class, count(*), sum(share) FROM client_base_analysis_line
                 WHERE run_id = %s AND abc_class IS NOT NULL GROUP BY abc_class
                """,
                run.id,
            )
        )
        return {row[0]: (row[1], row[2] or 0.0) for row in self.env.cr.fetchall()}

    def _migrations(self, run, previous):
        """[(class before, class after, clients)] between the two years."""
        self.env.cr.execute(
            SQL(
                """
                SELECT COALESCE(before.abc_class, '-'), COALESCE(after.abc_class, '-'),
                       count(*)
                  FROM (SELECT partner_id, abc_class FROM client_base_analysis_line
                         WHERE run_id = %s) before
                  FULL JOIN (SELECT partner_id, abc_class
                               FROM client_base_analysis_line WHERE run_id = %s) after
                    ON after.partner_id = before.partner_id
                 WHERE COALESCE(before.abc_class, '-')
                       != COALESCE(after.abc_class, '-')
                 GROUP BY 1, 2 ORDER BY 1, 2
                """,
                previous.id,
                run.id,
            )
        )
        return self.env.cr.fetchall()

    def _pareto_points(self, run):
        """SVG polyline points (400 x 200) of the run's Pareto curve: share of
        revenue by share of clients, one point per client percent."""
        self.env.cr.execute(
            SQL(
                """
                SELECT client_percent, max(cumulative_share)
                  FROM client_base_analysis_line
                 WHERE run_id = %s AND revenue > 0
                 GROUP BY client_percent ORDER BY client_percent
                """,
                run.id,
            )
        )
        points = [(0, 0.0), *self.env.cr.fetchall()]
        return " ".join(
            f"{percent * 4:.1f},{200 - min(share, 100) * 2:.1f}"
            for percent, share in points
        )

    def _review_data(self):
        """Everything the PDF shows, with numbers already formatted."""
        self.ensure_one()
        run, previous = self._year_runs()
        figures = self._yearly_figures()
        this, last = figures[self.year], figures[self.year - 1]
        currency = self.company_id.currency_id

        def money(value):
            return formatLang(self.env, value or 0.0, currency_obj=currency)

        def percent(value):
            return formatLang(self.env, value or 0.0, digits=1) + " %"

        def number(value):
            return formatLang(self.env, value or 0, digits=0)

        def cost(values):
            return money(values["cost"]) if values.get("cost") else "—"

        _ = self.env._
        spec = [
            (_("Revenue"), "revenue", money),
            (_("Clients who bought"), "clients", number),
            (_("Confirmed orders"), "orders", number),
            (_("Repeat-client revenue share"), "repeat_share", percent),
            (_("Churn rate"), "churn_rate", percent),
            (_("New clients"), "new_clients", number),
            (_("Marketing spend"), "spend", money),
        ]
        rows = [
            (label, fmt(this.get(key)), fmt(last.get(key))) for label, key, fmt in spec
        ]
        rows.append((_("Cost of a new client"), cost(this), cost(last)))
        for label, fname in (
            (_("Top client's share"), "top_client_share"),
            (_("Top 5 clients' share"), "top_five_share"),
            (_("Top 20% of clients' share"), "top_fifth_share"),
        ):
            rows.append((label, percent(run[fname]), percent(previous[fname])))
        statuses = self._statuses_at_year_end()
        History = self.env["client.base.status.history"]
        labels = dict(History._fields["status_to"]._description_selection(self.env))

        def status_count(year, key):
            # no status recorded by then (Client Base installed later): not 0
            return number(statuses[year].get(key)) if statuses[year] else "—"

        status_rows = [
            (
                labels[key],
                status_count(self.year, key),
                status_count(self.year - 1, key),
            )
            for key, _label in STATUSES
        ]
        unrecorded = [year for year in (self.year - 1, self.year) if not statuses[year]]
        statuses_note = unrecorded and _(
            "No status was recorded up to 31 December %s: Client Base records "
            "statuses from the day it is installed.",
            unrecorded[-1],
        )
        classes, previous_classes = self._classes(run), self._classes(previous)
        class_rows = [
            (
                key,
                number(classes.get(key, (0, 0))[0]),
                percent(classes.get(key, (0, 0))[1]),
                number(previous_classes.get(key, (0, 0))[0]),
                percent(previous_classes.get(key, (0, 0))[1]),
            )
            for key, _label in ABC
        ]
        return {
            "rows": rows,
            "statuses": status_rows,
            "statuses_note": statuses_note,
            "classes": class_rows,
            "migrations": self._migrations(run, previous),
            "pareto": self._pareto_points(run),
            "top_client": run.top_client_id.display_name,
            "warning": run.concentration_warning,
        }
