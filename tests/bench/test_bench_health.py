"""Benchmark of the base health views on the large generated base: the first
page each view's menu opens (its pivot's default grouping and filters, one
read_group) against the floor, the bare SQL aggregate of revenue by month over
the same confirmed order lines (and the till's, with Odoo's Point of Sale).
And a salesperson's worklist.

Run with `make bench` after `make bench-data SCALE=333`. Prints, side by side in
one run (median of three), each time and its ratio to the floor (target: each
health view within 3x; a salesperson's worklist within 0.3 s), and the queries of
that worklist; recorded on the scoreboard.
"""

import statistics
import time
from datetime import date

import floors
import scoreboard

from odoo.tests import TransactionCase, tagged

RUNS = 3


@tagged("-standard", "bench")
class BenchHealth(TransactionCase):
    def _timed(self, function):
        timings = []
        for _run in range(RUNS):
            self.env.invalidate_all()
            start = time.perf_counter()
            function()
            timings.append(time.perf_counter() - start)
        return statistics.median(timings)

    def test_health_views_first_page(self):
        company = self.env.company
        year_start = date(date.today().year, 1, 1)

        def floor():
            self.env.cr.execute(floors.purchases_by_month_sql(self.env, company))
            return self.env.cr.fetchall()

        def first_page(model, groupby, measures, domain=()):
            return self.env[model]._read_group(
                [("company_id", "in", company.ids), *domain], groupby, measures
            )

        pages = {
            "repeat revenue share (months of this year)": lambda: first_page(
                "client.base.health.repeat",
                ["month:month"],
                ["revenue:sum", "repeat_revenue:sum", "repeat_share:avg"],
                [("month", ">=", year_start)],
            ),
            "yearly churn (years)": lambda: first_page(
                "client.base.health.churn",
                ["year"],
                ["client_count:sum", "lost_count:sum", "churn_rate:avg"],
            ),
            "cohort retention (months x quarters)": lambda: first_page(
                "client.base.health.cohort",
                ["cohort_month:month", "quarter"],
                ["retention:avg"],
            ),
            "acquisition (sources x quarters, this year)": lambda: first_page(
                "client.base.health.acquisition",
                ["source_id", "month:quarter"],
                ["new_client_count:sum", "spend:sum", "cost_per_client:avg"],
                [("month", ">=", year_start)],
            ),
        }

        def list_page(model):
            # the list view's first page and its length, as the web client asks
            # for them (a count up to 10,001 rows: Odoo's LIMIT the planner sees)
            return self.env[model].web_search_read(
                [("company_id", "in", company.ids)],
                {"partner_id": {"fields": {"display_name": {}}}},
                limit=80,
                count_limit=10001,
            )["records"]

        for model in (
            "client.base.health.repeat",
            "client.base.health.churn",
            "client.base.health.cohort",
            "client.base.health.acquisition",
        ):
            label = f"{model.rsplit('.', 1)[1]} list (first page, its length)"
            pages[label] = lambda model=model: list_page(model)
        months = len(floor())
        self.assertGreater(months, 12, "Generate the base first: make bench-data")
        base = self._timed(floor)
        clients = scoreboard.client_count(self.env)
        report = [
            f"\nbase health, first page of each view ({months} months of orders)",
            f"\n  floor, revenue by month over order lines:    {base:7.3f} s",
        ]
        for label, page in pages.items():
            self.assertTrue(page(), label)
            seconds = self._timed(page)
            report.append(
                f"\n  {label:<44} {seconds:7.3f} s  ratio {seconds / base:5.2f}"
                "  (target <= 3)"
            )
            scoreboard.record(
                f"health: {label}",
                seconds / base,
                3,
                seconds=seconds,
                clients=clients,
            )

        # a minimum no quotation reaches: every quotation is a line
        Rule = self.env["client.base.order.threshold"]
        Rule.search([]).action_archive()
        Rule.create({"amount_first": 10**9, "amount_repeat": 10**9})
        salesperson = self.env["res.users"].browse(self._busy_salespeople()[:1])
        Worklist = self.env["client.base.worklist"].with_user(salesperson)

        def worklist():
            # as the list view asks for its first page (and its length)
            return Worklist.web_search_read(
                [],
                {
                    "kind": {},
                    "partner_id": {"fields": {"display_name": {}}},
                    "name": {},
                    "date": {},
                    "abc_class": {},
                },
                limit=80,
            )["records"]

        worklist()
        before = self.env.cr.sql_log_count
        count = len(worklist())
        queries = self.env.cr.sql_log_count - before
        seconds = self._timed(worklist)
        report.append(
            f"\n  worklist of {salesperson.name} (all quotations below a minimum;"
            f" first {count} lines read): {seconds:7.3f} s, {queries} queries"
        )
        scoreboard.record(
            "worklist: a salesperson's first page", seconds, 0.3, unit="s",
            clients=clients,
        )  # fmt: skip
        print("".join(report))

    def _busy_salespeople(self):
        """Salespeople by the number of their clients' quotations."""
        self.env.cr.execute(
            "SELECT user_id FROM sale_order WHERE user_id IS NOT NULL"
            " AND state IN ('draft', 'sent')"
            " GROUP BY user_id ORDER BY count(*) DESC LIMIT 3"
        )
        return [row[0] for row in self.env.cr.fetchall()]
