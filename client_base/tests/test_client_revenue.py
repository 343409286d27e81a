from freezegun import freeze_time

from odoo.tests import new_test_user, tagged

from .common import TODAY, ClientBaseCommon


@freeze_time(TODAY)
@tagged("post_install", "-at_install")
class TestClientRevenue(ClientBaseCommon):
    """A client's revenue of the last twelve months and of all time, from its
    purchases by day in the current company: shown to who may see the
    client, in as many queries for twenty clients as for one."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.colleague = new_test_user(
            cls.env,
            login="cb_revenue_colleague",
            name="Revenue Colleague",
            groups="client_base.group_client_base_user",
        )
        cls.client = cls._create_client("Revenue Bakery SRL")
        cls.person = cls.env["res.partner"].create(
            {"name": "Revenue Buyer", "parent_id": cls.client.id}
        )
        cls.theirs = cls._create_client("Revenue Mill SRL", user_id=cls.colleague.id)
        cls.other_co = cls.env["res.company"].create({"name": "Revenue Branch"})
        cls._order_on(cls.client, 10, 300.0)
        cls._order_on(cls.person, 364, 200.0)  # a contact's order is its client's
        cls._order_on(cls.client, 365, 1000.0)  # a year ago: lifetime only
        cls._order_on(cls.client, 20, 4000.0, company=cls.other_co)
        cls._create_order(cls.client, 5000.0, confirm=False)  # a quotation
        cls._order_on(cls.theirs, 30, 700.0)

    def _revenue(self, partner, user):
        partner = partner.with_user(user)
        return partner.client_revenue_12m, partner.client_revenue_total

    def test_revenue_of_the_last_twelve_months_and_lifetime(self):
        """Confirmed orders of the client and its contacts up to a year back
        (today's day a year ago left out), all of them for the lifetime; a
        quotation and another company's order do not count."""
        self.assertEqual(self._revenue(self.client, self.cb_user), (500.0, 1500.0))
        self.assertEqual(self._revenue(self.person, self.cb_user), (500.0, 1500.0))
        branch = self.client.with_company(self.other_co)
        self.cb_manager.company_ids |= self.other_co
        self.assertEqual(self._revenue(branch, self.cb_manager), (4000.0, 4000.0))

    def test_a_colleagues_client_reads_empty(self):
        """A salesperson reads no revenue of a colleague's client, neither in
        code nor on screen; its salesperson and a manager read it."""
        self.assertEqual(self._revenue(self.theirs, self.cb_user), (0.0, 0.0))
        values = self.theirs.with_user(self.cb_user).read(
            ["client_revenue_12m", "client_revenue_total"]
        )[0]
        self.assertFalse(values["client_revenue_12m"])
        self.assertFalse(values["client_revenue_total"])
        self.assertEqual(self._revenue(self.theirs, self.colleague), (700.0, 700.0))
        values = self.theirs.with_user(self.cb_manager).read(["client_revenue_12m"])
        self.assertEqual(values[0]["client_revenue_12m"], 700.0)

    def test_sorted_by_revenue(self):
        clients = self.client | self.theirs
        Partner = self.env["res.partner"].with_user(self.cb_manager)
        found = Partner.search(
            [("id", "in", clients.ids)], order="client_revenue_12m desc"
        )
        self.assertEqual(found.ids, [self.theirs.id, self.client.id])
        found = Partner.search(
            [("id", "in", clients.ids)], order="client_revenue_total desc"
        )
        self.assertEqual(found.ids, [self.client.id, self.theirs.id])

    def test_one_query_for_any_number_of_clients(self):
        clients = self.env["res.partner"].create(
            [
                {"name": f"Revenue Shop {index}", "is_company": True}
                for index in range(20)
            ]
        )
        for index, client in enumerate(clients):
            self._order_on(client, index + 1, 100.0 * (index + 1))
        self.env.flush_all()

        def queries(partners):
            partners = partners.with_user(self.cb_user)
            self.env.invalidate_all()
            start = self.cr.sql_log_count
            partners.mapped("client_revenue_12m")
            partners.mapped("client_revenue_total")
            return self.cr.sql_log_count - start

        queries(clients)  # rules and groups cached
        self.assertEqual(queries(clients[:1]), queries(clients))
        with self.assertQueryCount(2):  # the partners, then their revenue
            clients.with_user(self.cb_user).invalidate_model()
            clients.with_user(self.cb_user).mapped("client_revenue_12m")
        self.assertEqual(
            clients.with_user(self.cb_user).mapped("client_revenue_12m"),
            [100.0 * (index + 1) for index in range(20)],
        )

    def test_invoiced_button_hidden_when_orders_count(self):
        """Purchases counted from orders: Odoo's invoiced total says nothing of
        what a client bought, so Client Base users do not see it; on the
        invoice basis, and for users without Client Base, it stays."""
        arch = self.env["res.partner"].get_view(
            self.env.ref("base.view_partner_form").id
        )["arch"]
        self.assertIn('invisible="client_revenue_from_orders"', arch)
        self.assertTrue(self.client.with_user(self.cb_user).client_revenue_from_orders)
        self.assertFalse(
            self.client.with_user(self.employee).client_revenue_from_orders
        )
        self.company.client_purchase_basis = "invoice"
        self.env.invalidate_all()  # a setting changed: read in a new request
        self.assertFalse(self.client.with_user(self.cb_user).client_revenue_from_orders)
