from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestClientBaseTours(HttpCase):
    """Browser tours of client_base, in one class so the assets compile once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesperson = new_test_user(
            cls.env,
            login="cb_tour_user",
            name="Tour Salesperson",
            groups="client_base.group_client_base_user",
        )
        cls.client = cls.env["res.partner"].create(
            {
                "name": "Tour Client Wholesale",
                "is_company": True,
                "user_id": cls.salesperson.id,
            }
        )
        product = cls.env["product.product"].create(
            {"name": "Tour Product", "list_price": 50.0}
        )
        cls.env["sale.order"].create(
            {
                "partner_id": cls.client.id,
                "user_id": cls.salesperson.id,
                "order_line": [
                    (0, 0, {"product_id": product.id, "product_uom_qty": 2})
                ],
            }
        ).action_confirm()

    def test_client_scope(self):
        """Whose clients a view shows is said above it; a colleague's client
        opens without its client data."""
        colleague = new_test_user(
            self.env,
            login="cb_tour_colleague",
            groups="client_base.group_client_base_user",
        )
        manager = new_test_user(
            self.env,
            login="cb_tour_manager",
            groups="client_base.group_client_base_manager",
        )
        clients = self.env["res.partner"].create(
            [
                {"name": "Scope Tour Mine", "is_company": True,
                 "user_id": self.salesperson.id},
                {"name": "Scope Tour Theirs", "is_company": True,
                 "user_id": colleague.id},
            ]
        )  # fmt: skip
        product = self.env["product.product"].create({"name": "Scope Tour Oil"})
        for client in clients:
            self.env["sale.order"].create(
                {
                    "partner_id": client.id,
                    "order_line": [(0, 0, {"product_id": product.id})],
                }
            ).action_confirm()
        self.start_tour(
            "/odoo", "client_base_client_scope", login=self.salesperson.login
        )
        self.start_tour("/odoo", "client_base_client_scope_all", login=manager.login)

    def test_win_back(self):
        """Find a dormant client, mark it lost with a reason, confirm a new order,
        see it won back."""
        self.env["client.base.churn.reason"].create({"name": "Tour Price"})
        client = self.env["res.partner"].create(
            {
                "name": "Tour Dormant Client",
                "is_company": True,
                "user_id": self.salesperson.id,
            }
        )
        product = self.env["product.product"].create(
            {"name": "Tour Flour", "list_price": 80.0}
        )
        old = self.env["sale.order"].create(
            {
                "partner_id": client.id,
                "user_id": self.salesperson.id,
                "order_line": [
                    (0, 0, {"product_id": product.id, "product_uom_qty": 5})
                ],
            }
        )
        old.action_confirm()
        old.date_order = fields.Datetime.now() - timedelta(days=200)
        self.env["sale.order"].create(
            {
                "partner_id": client.id,
                "user_id": self.salesperson.id,
                "order_line": [
                    (0, 0, {"product_id": product.id, "product_uom_qty": 3})
                ],
            }
        )
        self.env["res.partner"]._client_base_refresh_status(
            self.env.company, cause="silence", partner_ids=client.ids
        )
        self.assertEqual(client.client_status, "dormant")
        self.start_tour("/odoo", "client_base_win_back", login=self.salesperson.login)
        client.invalidate_recordset()
        self.assertEqual(client.client_status_history_ids[:1].cause, "won_back")

    def test_open_client(self):
        self.start_tour(
            "/odoo", "client_base_open_client", login=self.salesperson.login
        )

    def test_overdue_contact(self):
        """Open the overdue clients, log a call: the client is no longer overdue."""
        Rule = self.env["client.base.contact.rule"]
        Rule.with_context(active_test=False).search([]).unlink()
        Rule.create({"kind": "contact", "interval_days": 30})
        client = self.env["res.partner"].create(
            {
                "name": "Tour Overdue Client",
                "is_company": True,
                "user_id": self.salesperson.id,
            }
        )
        product = self.env["product.product"].create(
            {"name": "Tour Overdue Goods", "list_price": 900.0}
        )
        order = self.env["sale.order"].create(
            {
                "partner_id": client.id,
                "user_id": self.salesperson.id,
                "order_line": [(0, 0, {"product_id": product.id})],
            }
        )
        order.action_confirm()
        order.date_order = fields.Datetime.now() - timedelta(days=45)
        self.env["res.partner"]._client_contact_refresh(self.env.company)
        self.assertTrue(client.with_user(self.salesperson).client_contact_overdue)
        self.start_tour(
            "/odoo", "client_base_overdue_contact", login=self.salesperson.login
        )
        client.invalidate_recordset()
        self.assertFalse(client.with_user(self.salesperson).client_contact_overdue)

    def test_fill_questionnaire_for_a_client(self):
        """A salesperson fills the questionnaire in for a client at the counter
        and sees its birthday filled."""
        client = self.env["res.partner"].create(
            {"name": "Tour Questionnaire Client", "user_id": self.salesperson.id}
        )
        self.env.company.client_questionnaire_id = self.env.ref(
            "client_base.survey_client_questionnaire"
        )
        self.start_tour(
            "/odoo/action-client_base.res_partner_action_clients",
            "client_base_fill_questionnaire",
            login=self.salesperson.login,
        )
        self.assertEqual(str(client.client_birthday), "1984-03-09")
        self.assertEqual(client.client_business_size, "micro")

    def test_minimum_order(self):
        """A salesperson is blocked on a small repeat order and asks a manager,
        who finds the request in their activities and confirms it with a
        reason."""
        Rule = self.env["client.base.order.threshold"]
        Rule.search([]).action_archive()
        Rule.create({"amount_first": 0, "amount_repeat": 500})
        manager = new_test_user(
            self.env,
            login="cb_tour_manager",
            name="Tour Manager",
            groups="client_base.group_client_base_manager",
        )
        client = self.env["res.partner"].create(
            {"name": "Tour Minimum Client", "is_company": True}
        )
        product = self.env["product.product"].create(
            {"name": "Tour Minimum Goods", "list_price": 40.0, "taxes_id": []}
        )

        def order(quantity):
            return self.env["sale.order"].create(
                {
                    "partner_id": client.id,
                    "user_id": self.salesperson.id,
                    "order_line": [
                        (0, 0, {"product_id": product.id, "product_uom_qty": quantity})
                    ],
                }
            )

        order(1).action_confirm()  # a trial order is welcome
        repeat = order(3)
        quotations = "/odoo/action-sale.action_quotations_with_onboarding"
        self.start_tour(
            quotations,
            "client_base_minimum_order_blocked",
            login=self.salesperson.login,
        )
        self.assertEqual(repeat.state, "draft")
        self.assertEqual(repeat.activity_ids.user_id, manager)
        self.start_tour(
            "/odoo", "client_base_minimum_order_override", login=manager.login
        )
        self.assertEqual(repeat.state, "sale")
        self.assertFalse(repeat.activity_ids, "The request is answered")
        self.assertEqual(repeat.client_threshold_override_ids.reason, "strategic")

    def test_purchases_pivot(self):
        """Analysis > Purchases as a pivot: a salesperson's sums are those of
        their clients, a manager's of every client."""
        colleague = new_test_user(
            self.env,
            login="cb_tour_pivot_colleague",
            groups="client_base.group_client_base_user",
        )
        manager = new_test_user(
            self.env,
            login="cb_tour_pivot_manager",
            groups="client_base.group_client_base_manager",
        )
        product = self.env["product.product"].create(
            {"name": "Pivot Tour Goods", "list_price": 10.0, "taxes_id": []}
        )
        for name, user, quantity in (
            ("Pivot Tour Mine", self.salesperson, 10),
            ("Pivot Tour Theirs", colleague, 7),
        ):
            client = self.env["res.partner"].create(
                {"name": name, "is_company": True, "user_id": user.id}
            )
            self.env["sale.order"].create(
                {
                    "partner_id": client.id,
                    "user_id": user.id,
                    "order_line": [
                        (0, 0, {"product_id": product.id, "product_uom_qty": quantity})
                    ],
                }
            ).action_confirm()
        self.start_tour(
            "/odoo", "client_base_purchases_pivot_own", login=self.salesperson.login
        )
        self.start_tour("/odoo", "client_base_purchases_pivot_all", login=manager.login)
