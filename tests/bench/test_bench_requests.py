"""Benchmark of what a person's browser asks: every request the web client makes
when a manager and a busy salesperson open each menu of the suite on the large
generated base (the list or kanban's first page and its length with the menu's
default filters, the pivot or graph's groups, the first record's form), the
clients list with each of its filters, groupings and a name search, and each
data source of the user's dashboard (its pivots' groups as the pivot asks
them, its lists and charts, with the dashboard's default date filter).

Each request is made as Odoo serves it (``web_search_read``, ``web_read_group``,
``read_group``, ``web_read`` through ``odoo.api.call_kw``), as the user, and
timed (median of three, caches cleared). Target: 0.3 s, or the floor when that
is larger, where the floor is the bare query for the same rows (the median of
its runs before and after the requests): for the reports
that aggregate every purchase (base health, rhythm, purchases), the revenue by
month over the confirmed order lines and the till's (as
tests/bench/test_bench_health.py); for Odoo's own sales analysis (sale.report),
its own query summed by client and year. Recorded on the scoreboard; run with
`make bench` after `make bench-data SCALE=333`.
"""

import json
import statistics
import sys
import time
from datetime import date, datetime
from datetime import time as day_time
from pathlib import Path

import floors
import scoreboard

from odoo import api
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "replica"))

from webclient import WebClient

RUNS = 3
TARGET = 0.3
# reports whose rows aggregate every purchase of the company: their floor is
# the bare aggregate over the order lines (and the till's)
AGGREGATES = {
    "client.base.health.repeat",
    "client.base.health.churn",
    "client.base.health.cohort",
    "client.base.health.acquisition",
    "client.base.purchase.rhythm",
    "client.base.purchase",
}
CLIENTS_MENU = "client_base.res_partner_menu_clients"
DASHBOARDS = {
    "manager": "client_base_analysis.spreadsheet_dashboard_client_base",
    "salesperson": "client_base_analysis.spreadsheet_dashboard_my_clients",
}


class TimedClient(WebClient):
    """The web client's requests made in this process, as ``user``, each
    timed; ``timings`` maps a request's label to its median seconds."""

    def __init__(self, env, user, role):
        self.env = env(user=user.id)
        self.user = user
        self.uid = user.id
        self.login = role
        self.company_id = user.company_id.id
        self.context = {
            **self.env["res.users"].context_get(),
            "allowed_company_ids": [self.company_id],
        }
        self.timings = {}
        self.menu = ""

    def _run(self, function):
        timings, result = [], None
        for _run in range(RUNS):
            self.env.invalidate_all()
            start = time.perf_counter()
            result = function()
            timings.append(time.perf_counter() - start)
        return result, statistics.median(timings)

    def call(self, kind, model, method, *args, button=False, **kwargs):
        if kind != "read":
            return api.call_kw(self.env[model], method, list(args), dict(kwargs))
        result, seconds = self._run(
            lambda: api.call_kw(self.env[model], method, list(args), dict(kwargs))
        )
        self.note(f"{self.menu}: {model}.{method}", model, seconds)
        return result

    def note(self, label, model, seconds):
        label = f"{self.login}, {label}"
        number = 2
        while label in self.timings:
            label = f"{label.rsplit(' #', 1)[0]} #{number}"
            number += 1
        self.timings[label] = (model, seconds)

    def load_action(self, action_id, label):
        self.menu = label.split(".", 1)[-1]
        Action = self.env["ir.actions.act_window"].sudo()
        return Action.browse(action_id)._get_action_dict()

    def run_action(self, action_id, label):
        self.menu = label.split(".", 1)[-1]
        return self.env["ir.actions.server"].browse(action_id).run()

    def menus(self):
        return self.env["ir.ui.menu"].load_web_menus(False)

    # -- beyond the menus' first screens -------------------------------------
    def clients_list(self, menu_id):
        """The clients list with each filter of its search view alone, each
        grouping, and a search by name, as the list asks for them."""
        menu = self.env["ir.ui.menu"].browse(menu_id)
        action = menu.action.run() if menu.action._name == "ir.actions.server" else (
            menu.action._get_action_dict()
        )  # fmt: skip
        window = self.window(action)
        self.menu = "clients list"
        arch = window["archs"]["list"]
        spec = self.specification(arch, window["fields"])
        base = window["action_domain"]
        context = window["context"]
        search = window["archs"]["search"]
        for node in search.iter("filter"):
            name = node.get("name")
            domain = self.evaluate(node.get("domain"), None)
            grouped = self.evaluate(node.get("context"), {}).get("group_by")
            if domain is not None and not node.get("date"):
                self.menu = f"clients list, filter {name}"
                self.call("read", window["model"], "web_search_read",
                          [*base, *domain] if base else list(domain), spec,
                          limit=80, count_limit=10001, context=context)  # fmt: skip
            if grouped:
                self.menu = f"clients list, grouped by {grouped}"
                self.call("read", window["model"], "web_read_group", base, [],
                          [grouped], limit=80, lazy=True, context=context)  # fmt: skip
        # a name typed in the search box: the "name" field's own search
        fragment = self._a_client_name_fragment(base)
        for node in search.iter("field"):
            if node.get("name") != "name":
                continue
            filter_domain = node.get("filter_domain")
            domain = (
                self.evaluate(filter_domain.replace("self", repr(fragment)), [])
                if filter_domain
                else [("name", "ilike", fragment)]
            )
            self.menu = f"clients list, name search {fragment!r}"
            self.call("read", window["model"], "web_search_read",
                      [*base, *domain] if base else domain, spec,
                      limit=80, count_limit=10001, context=context)  # fmt: skip
            break
        self.menu = f"client field, name search {fragment!r}"
        self.call("read", "res.partner", "name_search", name=fragment, limit=8,
                  context=context)  # fmt: skip

    def _a_client_name_fragment(self, base):
        clients = self.env["res.partner"].search(base, limit=1, offset=500)
        return clients.name.split()[0]

    def dashboard(self, xmlid):
        """The dashboard as the Dashboards app opens it, then each of its data
        sources as the spreadsheet asks for them."""
        dashboard = self.env.ref(xmlid).with_env(self.env)
        self.menu = "dashboard"
        data, seconds = self._run(dashboard.get_readonly_dashboard)
        self.note("dashboard: get_readonly_dashboard", None, seconds)
        data = json.loads(dashboard.spreadsheet_data)
        defaults = {
            item["id"]: item.get("defaultValue")
            for item in data["globalFilters"]
            if item["type"] == "date"
        }
        for pivot in data["pivots"].values():
            domain = [*pivot["domain"], *self._date_filters(pivot, defaults)]
            rows = [item["fieldName"] for item in pivot["rows"]]
            columns = [item["fieldName"] for item in pivot["columns"]]
            measures = [
                measure["fieldName"]
                if measure["fieldName"] == "__count"
                else f"{measure['fieldName']}:{measure.get('aggregator') or ''}".rstrip(
                    ":"
                )
                for measure in pivot["measures"]
            ]
            self.menu = f"dashboard pivot {pivot['name']}"
            # the pivot's groups: every level of its rows by every level of
            # its columns, as Odoo's pivot model reads them
            for row_depth in range(len(rows) + 1):
                for column_depth in range(len(columns) + 1):
                    self.call("read", pivot["model"], "read_group", domain,
                              measures, rows[:row_depth] + columns[:column_depth],
                              lazy=False, context=self.context)  # fmt: skip
        for source in data["lists"].values():
            self.menu = f"dashboard list {source['name']}"
            self.call("read", source["model"], "web_search_read", source["domain"],
                      {name: {} for name in source["columns"]}, limit=80,
                      context=self.context)  # fmt: skip
        for sheet in data["sheets"]:
            for figure in sheet["figures"]:
                chart = figure["data"]
                if not chart["type"].startswith("odoo_"):
                    continue
                meta = chart["metaData"]
                title = chart.get("title")
                title = title.get("text") if isinstance(title, dict) else title
                self.menu = f"dashboard chart {title}"
                self.call("read", meta["resModel"], "read_group",
                          chart["searchParams"]["domain"], [meta["measure"]],
                          meta["groupBy"], lazy=False,
                          context=self.context)  # fmt: skip

    def _date_filters(self, pivot, defaults):
        """The dashboard's default date filter (this year to date) on the
        pivot's matching field, its offset in years."""
        domain = []
        for filter_id, matching in pivot.get("fieldMatching", {}).items():
            if defaults.get(filter_id) != "year_to_date":
                continue
            today = date.today()
            year = today.year + matching.get("offset", 0)
            start, end = date(year, 1, 1), today.replace(year=year)
            if matching["type"] == "datetime":
                start = datetime.combine(start, day_time.min)
                end = datetime.combine(end, day_time.max)
            domain += [(matching["chain"], ">=", str(start)),
                       (matching["chain"], "<=", str(end))]  # fmt: skip
        return domain


@tagged("-standard", "bench")
class BenchRequests(TransactionCase):
    def test_every_request_of_a_manager_and_a_salesperson(self):
        company = self.env.company
        # the floors timed before and after the requests, their median the
        # target: the machine's pace changes over the minutes of the run
        purchase_runs = self._purchases_floor(company)
        sale_report_runs = self._sale_report_floor()
        manager = self.env.ref("base.user_admin")
        salesperson = self.env["res.users"].browse(self._busy_salesperson())
        self.assertTrue(salesperson, "Generate the base first: make bench-data")
        clients = scoreboard.client_count(self.env)
        clients_menu = self.env.ref(CLIENTS_MENU)
        timings = []
        for role, user in (("manager", manager), ("salesperson", salesperson)):
            client = TimedClient(self.env, user, role)
            reads = client.visit_menus()
            self.assertGreater(reads, 10, f"the {role} opened only {reads} views")
            client.clients_list(clients_menu.id)
            client.dashboard(DASHBOARDS[role])
            timings.append(client.timings)
        purchases = statistics.median(purchase_runs + self._purchases_floor(company))
        floors = dict.fromkeys(AGGREGATES, purchases)
        floors["sale.report"] = statistics.median(
            sale_report_runs + self._sale_report_floor()
        )
        heading = (
            f"\nrequests of the web client; floors (median of {2 * RUNS} runs,"
            f" before and after): purchases {purchases:.3f} s,"
            f" sale.report {floors['sale.report']:.3f} s"
        )
        report = [heading]
        for role_timings in timings:
            slowest = sorted(role_timings.items(), key=lambda item: -item[1][1])
            for label, (model, seconds) in slowest:
                target = max(TARGET, floors.get(model, 0))
                report.append(f"\n  {label:<90} {seconds:7.3f} s (<= {target:.2f})")
                scoreboard.record(
                    f"request: {label}", seconds, target, unit="s", clients=clients
                )
        print("".join(report))

    def _timed_sql(self, query):
        """The query's times over ``RUNS`` runs."""
        timings = []
        for _run in range(RUNS):
            start = time.perf_counter()
            self.env.cr.execute(query)
            self.env.cr.fetchall()
            timings.append(time.perf_counter() - start)
        return timings

    def _purchases_floor(self, company):
        return self._timed_sql(floors.purchases_by_month_sql(self.env, company))

    def _sale_report_floor(self):
        Report = self.env["sale.report"]
        return self._timed_sql(SQL(
            """
            SELECT report.commercial_partner_id, date_trunc('year', report.date),
                   SUM(report.price_subtotal)
              FROM (%s) report
             WHERE report.state = 'sale'
             GROUP BY 1, 2
            """,
            SQL(Report._table_query),
        ))  # fmt: skip

    def _busy_salesperson(self):
        """The salesperson with the most clients' quotations."""
        self.env.cr.execute(
            "SELECT user_id FROM sale_order WHERE user_id IS NOT NULL"
            " AND state IN ('draft', 'sent') AND user_id != %s"
            " GROUP BY user_id ORDER BY count(*) DESC LIMIT 1",
            [self.env.ref("base.user_admin").id],
        )
        return [row[0] for row in self.env.cr.fetchall()]
