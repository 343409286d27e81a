import json
import re
from datetime import timedelta

from odoo import fields
from odoo.tests import new_test_user, tagged

from ..models.spreadsheet_dashboard import CURRENCY_PLACEHOLDER
from .common import AnalysisCase

DASHBOARDS = {
    "client_base_analysis.spreadsheet_dashboard_client_base": True,
    "client_base_analysis.spreadsheet_dashboard_my_clients": False,
}
# the functions of a formula that read a data source, and its id
SOURCE_CALL = re.compile(r"(PIVOT\.VALUE|PIVOT\.HEADER|PIVOT|ODOO\.LIST)\((\d+)")


@tagged("post_install", "-at_install")
class TestDashboard(AnalysisCase):
    """The Client Base dashboards of the Dashboards app: every data source
    reads real fields and returns rows, each user sees the rows the record
    rules give them, and Base Health opens the user's own dashboard."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dairy = cls.env["res.company"].create({"name": "Dashboard Dairy"})
        cls.colleague = new_test_user(
            cls.env,
            login="cb_dashboard_colleague",
            groups="client_base.group_client_base_user",
            company_ids=[(6, 0, cls.dairy.ids)],
            company_id=cls.dairy.id,
        )
        for user in (cls.manager, cls.user):
            user.company_ids |= cls.dairy
        Partner = cls.env["res.partner"]
        cls.mine, cls.theirs = Partner.create(
            [
                {"name": "Dashboard Mine", "is_company": True, "user_id": cls.user.id},
                {"name": "Dashboard Theirs", "is_company": True,
                 "user_id": cls.colleague.id},
            ]
        )  # fmt: skip
        today = fields.Date.today()
        rows = []
        for weeks in range(2, 60, 3):
            rows.append((cls.mine, today - timedelta(weeks=weeks), 300))
            rows.append((cls.theirs, today - timedelta(weeks=weeks + 1), 900))
        cls._orders_on_days(rows, company=cls.dairy)
        Run = cls.env["client.base.analysis.run"].with_company(cls.dairy)
        run = Run.with_user(cls.manager).create(Run._default_values_for(cls.dairy))
        run.action_run()

    def _dashboard(self, xmlid):
        dashboard = self.env.ref(xmlid)
        return dashboard, json.loads(dashboard.spreadsheet_data)

    def _aggregates(self, model, measures):
        specs = []
        for measure in measures:
            name = measure["fieldName"]
            if name == "__count":
                specs.append("__count")
                continue
            field = model._fields[name]
            aggregator = measure.get("aggregator") or field.aggregator
            if field.type == "many2one" and not measure.get("aggregator"):
                aggregator = "count_distinct"
            self.assertTrue(aggregator, f"{model._name}.{name} is not a measure")
            specs.append(f"{name}:{aggregator}")
        return specs

    def _assert_field(self, model, chain):
        """A field path of a group-by or a filter's matching, as Odoo reads it."""
        for name in chain.split("."):
            name = name.split(":")[0]
            self.assertIn(name, model._fields, f"{model._name} has no {name}")
            field = model._fields[name]
            if field.relational:
                model = self.env[field.comodel_name]
        return field

    def test_every_data_source_reads_its_model_and_returns_rows(self):
        for xmlid in DASHBOARDS:
            dashboard, data = self._dashboard(xmlid)
            with self.subTest(dashboard=dashboard.name):
                filters = {item["id"]: item for item in data["globalFilters"]}
                for pivot in data["pivots"].values():
                    Model = self.env[pivot["model"]].with_user(self.manager)
                    Model = Model.with_company(self.dairy)
                    groupby = [item["fieldName"] for item in pivot["rows"]] + [
                        item["fieldName"] for item in pivot["columns"]
                    ]
                    for name in groupby:
                        field = self._assert_field(Model, name)
                        self.assertTrue(field._description_groupable(Model.env), name)
                    groups = Model._read_group(
                        pivot["domain"],
                        groupby,
                        self._aggregates(Model, pivot["measures"]),
                    )
                    self.assertTrue(groups, f"{pivot['name']} returns no row")
                    for filter_id, matching in pivot["fieldMatching"].items():
                        field = self._assert_field(Model, matching["chain"])
                        expected = {"date": ("date", "datetime"),
                                    "relation": ("many2one",)}  # fmt: skip
                        self.assertIn(field.type, expected[filters[filter_id]["type"]])
                for source in data["lists"].values():
                    Model = self.env[source["model"]].with_user(self.manager)
                    records = Model.with_company(self.dairy).search_read(
                        source["domain"], source["columns"], limit=2
                    )
                    self.assertTrue(records, f"{source['name']} returns no row")
                for sheet in data["sheets"]:
                    for cell in sheet["cells"].values():
                        for function, source_id in SOURCE_CALL.findall(cell["content"]):
                            sources = data["lists" if "LIST" in function else "pivots"]
                            self.assertIn(source_id, sources, cell["content"])
                        link = re.fullmatch(
                            r"\[.+\]\(odoo://ir_menu_xml_id/(.+)\)", cell["content"]
                        )
                        if link:
                            self.assertTrue(self.env.ref(link[1]))
                    for figure in sheet["figures"]:
                        chart = figure["data"]
                        if chart["type"].startswith("odoo_"):
                            Model = self.env[chart["metaData"]["resModel"]]
                            measure = chart["metaData"]["measure"]
                            aggregates = self._aggregates(
                                Model, [{"fieldName": measure}]
                            )
                            self.assertTrue(
                                Model.with_user(self.manager)
                                .with_company(self.dairy)
                                ._read_group(
                                    chart["searchParams"]["domain"],
                                    chart["metaData"]["groupBy"],
                                    aggregates,
                                )
                            )
                for menu in data["chartOdooMenusReferences"].values():
                    self.assertTrue(self.env.ref(menu))

    def test_a_salesperson_counts_their_own_clients_only(self):
        _dashboard, data = self._dashboard(
            "client_base_analysis.spreadsheet_dashboard_my_clients"
        )
        purchases = next(
            pivot for pivot in data["pivots"].values()
            if pivot["model"] == "client.base.health.repeat"
        )  # fmt: skip
        Repeat = self.env["client.base.health.repeat"]

        def revenue(user):
            [(total,)] = (
                Repeat.with_user(user)
                .with_company(self.dairy)
                ._read_group(
                    purchases["domain"] + [("company_id", "=", self.dairy.id)],
                    [],
                    ["revenue:sum"],
                )
            )
            return total

        self.assertEqual(revenue(self.user), 20 * 300)
        self.assertEqual(revenue(self.manager), 20 * 300 + 20 * 900)

    def test_base_health_opens_the_users_dashboard(self):
        Dashboard = self.env["spreadsheet.dashboard"]
        for user, xmlid in (
            (self.manager, "client_base_analysis.spreadsheet_dashboard_client_base"),
            (self.user, "client_base_analysis.spreadsheet_dashboard_my_clients"),
        ):
            action = Dashboard.with_user(user).action_open_client_base()
            self.assertEqual(action["tag"], "action_spreadsheet_dashboard")
            self.assertEqual(action["params"]["dashboard_id"], self.env.ref(xmlid).id)
        visible = Dashboard.with_user(self.user).search(
            [("dashboard_group_id.name", "=", "Client Base")]
        )
        self.assertEqual(
            visible,
            self.env.ref("client_base_analysis.spreadsheet_dashboard_my_clients"),
        )
        menu = self.env.ref("client_base_analysis.client_base_health_dashboard_menu")
        self.assertEqual(
            menu.action,
            self.env.ref("client_base_analysis.action_server_client_base_dashboard"),
        )

    def test_amounts_in_the_companys_currency_and_a_sample_when_empty(self):
        dashboard = self.env.ref(
            "client_base_analysis.spreadsheet_dashboard_my_clients"
        )
        data = (
            dashboard.with_user(self.user)
            .with_company(self.dairy)
            .get_readonly_dashboard()
        )
        self.assertFalse(data.get("is_sample"))
        formats = data["snapshot"]["formats"].values()
        self.assertFalse([fmt for fmt in formats if CURRENCY_PLACEHOLDER in fmt])
        symbol = self.dairy.currency_id.symbol
        self.assertIn(
            f"[${symbol}]#,##0" if self.dairy.currency_id.position == "before"
            else f"#,##0[${symbol}]",
            formats,
        )  # fmt: skip
        # a salesperson of a company without any purchase sees the sample
        empty = self.env["res.company"].create({"name": "Dashboard Empty Shop"})
        newcomer = new_test_user(
            self.env,
            login="cb_dashboard_newcomer",
            groups="client_base.group_client_base_user",
            company_ids=[(6, 0, empty.ids)],
            company_id=empty.id,
        )
        sample = (
            dashboard.with_user(newcomer).with_company(empty).get_readonly_dashboard()
        )
        self.assertTrue(sample["is_sample"])
        self.assertFalse(sample["snapshot"]["pivots"])
        self.assertFalse(
            [fmt for fmt in sample["snapshot"]["formats"].values()
             if CURRENCY_PLACEHOLDER in fmt]
        )  # fmt: skip
