import numpy as np
from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.fields import Command
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestAnalysisTours(HttpCase):
    def test_matrix_to_client(self):
        """A manager runs an analysis, opens the ABC×XYZ matrix, drills down from a
        cell to the client behind it and sees its class on the client."""
        company = self.env["res.company"].create({"name": "Tour Company"})
        manager = new_test_user(
            self.env,
            login="cba_tour_manager",
            groups="client_base.group_client_base_manager",
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )
        steady, one_off = self.env["res.partner"].create(
            [
                {"name": "Tour Steady Client", "is_company": True},
                {"name": "Tour One-off Client", "is_company": True},
            ]
        )
        product = self.env["product.product"].create(
            {"name": "Tour Goods", "taxes_id": []}
        )
        this_month = fields.Date.today().replace(day=15)
        orders = [
            (steady, this_month - relativedelta(months=n), 1000) for n in range(1, 13)
        ]
        orders.append((one_off, this_month - relativedelta(months=3), 500))
        for partner, when, amount in orders:
            order = self.env["sale.order"].create(
                {
                    "partner_id": partner.id,
                    "company_id": company.id,
                    "order_line": [
                        Command.create({"product_id": product.id, "price_unit": amount})
                    ],
                }
            )
            order.action_confirm()
            order.date_order = fields.Datetime.to_datetime(when)
        self.start_tour("/odoo", "client_base_analysis_matrix", login=manager.login)
        self.assertEqual(steady.with_user(manager).client_abc_xyz_class, "AX")
        self.assertEqual(one_off.with_user(manager).client_abc_xyz_class, "CZ")

    def test_worklist_to_health(self):
        """A sales manager opens the worklist: the biggest client's contact is
        overdue first, a small quotation waits below its minimum; logging the
        call takes the line away; then the base health and the purchase
        rhythm."""
        company = self.env["res.company"].create({"name": "Worklist Company"})
        manager = new_test_user(
            self.env,
            login="cba_tour_worklist",
            groups="client_base.group_client_base_manager",
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )
        oak, elm, fern = self.env["res.partner"].create(
            [
                {"name": name, "is_company": True, "user_id": manager.id}
                for name in (
                    "Tour Worklist Oak",
                    "Tour Worklist Elm",
                    "Tour Worklist Fern",
                )
            ]
        )
        product = self.env["product.product"].create(
            {"name": "Tour Worklist Goods", "taxes_id": []}
        )
        Order = self.env["sale.order"].with_company(company)

        def order(partner, amount, days_ago=None):
            sale = Order.create(
                {
                    "partner_id": partner.id,
                    "company_id": company.id,
                    "user_id": manager.id,
                    "order_line": [
                        Command.create({"product_id": product.id, "price_unit": amount})
                    ],
                }
            )
            if days_ago is not None:
                sale.action_confirm()
                sale.date_order = fields.Datetime.now() - relativedelta(days=days_ago)
            return sale

        order(oak, 9000, days_ago=45)
        order(oak, 9000, days_ago=75)
        order(oak, 9000, days_ago=200)
        order(elm, 500, days_ago=40)
        Rule = self.env["client.base.order.threshold"].with_company(company)
        Rule.create(
            {"company_id": company.id, "amount_first": 1000, "amount_repeat": 0}
        )
        order(fern, 200)
        ContactRule = self.env["client.base.contact.rule"].with_company(company)
        ContactRule.create(
            {"company_id": company.id, "kind": "contact", "interval_days": 30}
        )
        Partner = self.env["res.partner"].with_company(company)
        Partner._client_base_refresh_status(company, cause="order")
        Partner._client_contact_refresh(company)
        Run = self.env["client.base.analysis.run"].with_company(company)
        Run.create(Run._default_values_for(company)).action_run()
        self.start_tour("/odoo", "client_base_analysis_worklist", login=manager.login)
        Worklist = self.env["client.base.worklist"].with_user(manager)
        self.assertFalse(
            Worklist.search([("partner_id", "=", oak.id), ("kind", "=", "contact")])
        )


@tagged("post_install", "-at_install")
class TestPredictionTour(HttpCase):
    def test_prediction_to_slipping_client(self):
        """A manager runs an analysis, reads its model check, opens Valuable
        and Slipping Away and finds there the bakery that stopped buying, with
        its prediction beside its status."""
        company = self.env["res.company"].create({"name": "Forecast Company"})
        manager = new_test_user(
            self.env,
            login="cba_tour_prediction",
            groups="client_base.group_client_base_manager",
            company_id=company.id,
            company_ids=[Command.set(company.ids)],
        )
        product = self.env["product.product"].create(
            {"name": "Tour Bread", "taxes_id": []}
        )
        rng = np.random.default_rng(21)
        today = fields.Date.today()
        clients = self.env["res.partner"].create(
            [{"name": f"Tour Shop {i}", "is_company": True} for i in range(40)]
        )
        rows = []
        for client in clients:
            # a purchase every month or so, for one to two years; each its own
            # usual amount
            first = today - relativedelta(days=int(rng.integers(90, 700)))
            gap = int(rng.integers(15, 60))
            usual = float(rng.integers(100, 2000))
            day = first
            while day < today:
                rows.append((client, day, round(usual * rng.uniform(0.7, 1.3), 2)))
                day += relativedelta(days=gap + int(rng.integers(-5, 5)))
                if rng.random() < 0.05:
                    break
        steady, gone = self.env["res.partner"].create(
            [
                {"name": "Tour Steady Bakery", "is_company": True},
                {"name": "Tour Gone Bakery", "is_company": True},
            ]
        )
        for client, last in ((steady, today), (gone, today - relativedelta(months=7))):
            day = today - relativedelta(years=2)
            while day < last:
                rows.append((client, day, 300.0))
                day += relativedelta(days=7)
        orders = self.env["sale.order"].create(
            [
                {
                    "partner_id": client.id,
                    "company_id": company.id,
                    "order_line": [
                        Command.create({"product_id": product.id, "price_unit": amount})
                    ],
                }
                for client, _day, amount in rows
            ]
        )
        orders.action_confirm()
        for order, (_client, day, _amount) in zip(orders, rows, strict=True):
            order.date_order = fields.Datetime.to_datetime(day)
        self.start_tour("/odoo", "client_base_analysis_prediction", login=manager.login)
        Partner = self.env["res.partner"].with_user(manager).with_company(company)
        self.assertEqual(Partner.browse(gone.id).client_predicted_status, "gone")
        self.assertEqual(Partner.browse(steady.id).client_predicted_status, "alive")


@tagged("post_install", "-at_install")
class TestDashboardTour(HttpCase):
    def test_dashboard(self):
        """Base Health opens the Client Base dashboard: a manager's tiles are
        filled and a cohort cell opens its clients; a salesperson's own
        dashboard is filled with their clients."""
        company = self.env["res.company"].create({"name": "Dashboard Tour Mill"})
        people = {
            kind: new_test_user(
                self.env,
                login=f"cba_tour_dashboard_{kind}",
                groups=f"client_base.group_client_base_{kind}",
                company_id=company.id,
                company_ids=[Command.set(company.ids)],
            )
            for kind in ("manager", "user")
        }
        product = self.env["product.product"].create(
            {"name": "Dashboard Tour Flour", "taxes_id": []}
        )
        today = fields.Date.today()
        clients = self.env["res.partner"].create(
            [
                {"name": f"Dashboard Tour Client {index}", "is_company": True,
                 "user_id": people["user"].id}
                for index in range(6)
            ]
        )  # fmt: skip
        rows = []
        for index, client in enumerate(clients):
            # first purchases three years ago and later, every six weeks
            day = today - relativedelta(months=36 - 3 * index)
            while day < today:
                rows.append((client, day, 200.0 + 50 * index))
                day += relativedelta(weeks=6)
        orders = self.env["sale.order"].create(
            [
                {
                    "partner_id": client.id,
                    "company_id": company.id,
                    "order_line": [
                        Command.create({"product_id": product.id, "price_unit": amount})
                    ],
                }
                for client, _day, amount in rows
            ]
        )
        orders.action_confirm()
        for order, (_client, day, _amount) in zip(orders, rows, strict=True):
            order.date_order = fields.Datetime.to_datetime(day)
        Run = self.env["client.base.analysis.run"].with_company(company)
        Run.with_user(people["manager"]).create(
            Run._default_values_for(company)
        ).action_run()
        self.start_tour(
            "/odoo", "client_base_dashboard_manager", login=people["manager"].login
        )
        self.start_tour(
            "/odoo", "client_base_dashboard_salesperson", login=people["user"].login
        )
