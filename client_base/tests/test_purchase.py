from datetime import date, datetime
from unittest.mock import patch

from freezegun import freeze_time

from odoo import fields
from odoo.fields import Command
from odoo.tests import tagged

from .common import (
    TODAY,
    ClientBaseCommon,
    assert_groups_of_the_whole,
    assert_pages_of_the_whole,
    post_invoice,
)


@freeze_time(TODAY)
@tagged("post_install", "-at_install")
class TestPurchase(ClientBaseCommon):
    """client.base.purchase: one row per purchase, whatever its document, in the
    company's currency and time zone; statuses read their purchases there."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client = cls._create_client("Purchase Bakery SRL")
        cls.person = cls.env["res.partner"].create(
            {"name": "Purchase Buyer", "parent_id": cls.client.id}
        )
        cls.Purchase = cls.env["client.base.purchase"]

    def _purchases(self, partner=None):
        # a view: what the request read of it before does not follow the tables
        self.env.flush_all()
        self.Purchase.invalidate_model()
        return self.Purchase.search([("partner_id", "=", (partner or self.client).id)])

    def _colleagues_client(self, name):
        """A client of another salesperson than the test's own."""
        colleague = self.env["res.users"].create(
            {
                "name": f"Colleague of {name}",
                "login": "cb_colleague_" + name.lower().replace(" ", "_"),
                "groups_id": [
                    Command.set(self.env.ref("client_base.group_client_base_user").ids)
                ],
            }
        )
        return self._create_client(name, user_id=colleague.id)

    def _invoice(self, when, amount, move_type="out_invoice", **line):
        return post_invoice(self.env, self.person, when, amount, move_type, **line)

    def test_a_confirmed_order_is_one_purchase_of_the_client(self):
        order = self._create_order(self.person, amount=250.0)
        self._create_order(self.person, amount=90.0, confirm=False)
        cancelled = self._create_order(self.person, amount=70.0)
        cancelled._action_cancel()
        purchase = self._purchases()
        self.assertEqual(len(purchase), 1)
        self.assertEqual(
            (purchase.order_partner_id, purchase.amount, purchase.counted),
            (self.person, 250.0, True),
        )
        self.assertEqual(
            (purchase.res_model, purchase.res_id), ("sale.order", order.id)
        )
        self.assertEqual(purchase.name, order.name)
        self.assertEqual(purchase.action_open_document()["res_id"], order.id)

    def test_amounts_in_the_company_currency_at_the_orders_rate(self):
        eur = self.env.ref("base.EUR")
        eur.active = True
        currency = self.company.currency_id
        other = eur if currency != eur else self.env.ref("base.USD")
        other.active = True
        self.env["res.currency.rate"].create(
            {"currency_id": other.id, "rate": 2.0, "name": date(2026, 1, 1)}
        )
        pricelist = self.env["product.pricelist"].create(
            {"name": "Other currency", "currency_id": other.id}
        )
        self._create_order(self.client, amount=500.0, pricelist_id=pricelist.id)
        self.assertEqual(self._purchases().amount, 250.0)

    def test_an_order_of_the_companys_tomorrow_counts_at_once(self):
        """Late evening in Los Angeles is already tomorrow in Tokyo: the order a
        salesperson there confirms is a purchase of the company's day, and the
        client's status counts it at once, not after the next daily job."""
        self.company.client_timezone = "Asia/Tokyo"
        self.cb_user.tz = "America/Los_Angeles"
        with freeze_time(datetime(2026, 6, 10, 20, 0)):  # 06-11 05:00 in Tokyo
            order = self._create_order(self.client, confirm=False)
            order.with_user(self.cb_user).sudo().action_confirm()
            self.assertEqual(self._purchases().day, date(2026, 6, 11))
            self.client.invalidate_recordset()
            self.assertEqual(self.client.client_order_count, 1)
            self.assertEqual(self.client.client_status, "new")

    def test_the_day_is_the_companys(self):
        self.company.client_timezone = "Europe/Chisinau"  # UTC+3 in June
        order = self._create_order(self.client)
        order.date_order = datetime(2026, 6, 10, 22, 30)
        purchase = self._purchases()
        self.assertEqual(purchase.day, date(2026, 6, 11))
        self.env["res.partner"]._client_base_refresh_status(
            self.company, cause="order", partner_ids=self.client.ids, today=TODAY
        )
        self.assertEqual(self.client.client_first_order_date, date(2026, 6, 11))
        self.company.client_timezone = False
        self.assertEqual(self._purchases().day, date(2026, 6, 10))
        self.assertEqual(
            self.client.client_first_order_date,
            date(2026, 6, 10),
            "a new time zone recomputes the statuses",
        )

    def test_on_the_invoice_basis_invoices_and_refunds_are_the_purchases(self):
        self._create_order(self.client, amount=999.0)
        self.company.client_purchase_basis = "invoice"
        self._invoice(date(2026, 5, 2), 400.0)
        self._invoice(date(2026, 5, 20), 150.0, "out_refund")
        draft = self.env["account.move"].create(
            {"move_type": "out_invoice", "partner_id": self.person.id}
        )
        self.assertEqual(draft.state, "draft")
        purchases = self._purchases()
        self.assertEqual(
            sorted((p.day, p.amount, p.counted) for p in purchases),
            [(date(2026, 5, 2), 400.0, True), (date(2026, 5, 20), -150.0, False)],
            "no order, no draft: the invoice and its refund",
        )
        # a day without time reads as that day west of UTC too
        los_angeles = purchases.with_context(tz="America/Los_Angeles")
        self.assertEqual(
            sorted(
                fields.Datetime.context_timestamp(los_angeles, p.date).date()
                for p in los_angeles
            ),
            [date(2026, 5, 2), date(2026, 5, 20)],
        )
        # posting refreshes the status: the invoice's day counts, the refund
        # is no purchase
        self.assertEqual(self.client.client_order_count, 1)
        self.assertEqual(self.client.client_last_order_date, date(2026, 5, 2))
        self.company.client_purchase_basis = "order"
        self.assertEqual(self._purchases().amount, 999.0)
        self.assertEqual(self.client.client_last_order_date, TODAY)

    def test_purchase_lines_are_the_products_of_the_purchases(self):
        Line = self.env["client.base.purchase.line"]
        order = self._create_order(self.person, amount=40.0)
        order.order_line.write({"product_uom_qty": 3, "price_unit": 40.0})
        self._create_order(self.person, amount=5.0, confirm=False)
        self.env.flush_all()
        line = Line.search([("partner_id", "=", self.client.id)])
        self.assertEqual(
            (line.product_id, line.quantity, line.amount, line.purchase_id.res_id),
            (self.product, 3.0, 120.0, order.id),
        )
        self.company.client_purchase_basis = "invoice"
        self._invoice(date(2026, 5, 2), 50.0, product_id=self.product.id, quantity=2)
        self._invoice(date(2026, 5, 9), 50.0, "out_refund", product_id=self.product.id)
        self.env.flush_all()
        Line.invalidate_model()
        lines = Line.search([("partner_id", "=", self.client.id)])
        self.assertEqual(
            sorted((line.day, line.quantity, line.amount) for line in lines),
            [(date(2026, 5, 2), 2.0, 100.0), (date(2026, 5, 9), -1.0, -50.0)],
        )
        self.assertEqual(lines.purchase_id, self._purchases())
        preference = self.client.client_product_preference_ids
        self.assertEqual(
            (preference.quantity, preference.revenue, preference.order_count),
            (1.0, 50.0, 1),
            "2 bought, 1 returned: the refund is no order",
        )

    def test_a_first_order_is_one_without_an_earlier_purchase(self):
        self.env["client.base.order.threshold"].create(
            {"company_id": self.company.id, "amount_first": 500, "amount_repeat": 50}
        )
        quotation = self._create_order(self.person, amount=100.0, confirm=False)
        self.assertTrue(quotation._client_threshold_check()[quotation][1])
        self._create_order(self.client, amount=600.0)
        self.assertFalse(quotation._client_threshold_check()[quotation][1])
        # on the invoice basis, a client who ordered before is no new client
        # yet before its invoice; and one invoiced without an order neither
        self.company.client_purchase_basis = "invoice"
        self.assertFalse(quotation._client_threshold_check()[quotation][1])
        other = self._create_client("Purchase Invoiced Only SRL")
        second = self._create_order(other, amount=100.0, confirm=False)
        self.assertTrue(second._client_threshold_check()[second][1])
        post_invoice(self.env, other, date(2026, 5, 2), 600.0)
        self.assertFalse(second._client_threshold_check()[second][1])

    def test_a_salesperson_sees_the_purchases_of_their_clients(self):
        theirs = self._colleagues_client("Purchase Theirs SRL")
        self._create_order(self.client)
        self._create_order(theirs)
        self.env.flush_all()
        Purchase = self.Purchase.with_user(self.cb_user)
        seen = Purchase.search([("partner_id", "in", (self.client | theirs).ids)])
        self.assertEqual(seen.partner_id, self.client)
        self.assertEqual(
            self.Purchase.with_user(self.cb_manager)
            .search([("partner_id", "in", (self.client | theirs).ids)])
            .partner_id,
            self.client | theirs,
        )

    def test_a_portal_users_company_is_a_client_an_employees_is_not(self):
        self.env["res.users"].create(
            {
                "name": "Purchase Portal",
                "login": "cb_purchase_portal",
                "partner_id": self.client.id,
                "groups_id": [Command.set(self.env.ref("base.group_portal").ids)],
            }
        )
        employee = self.env["res.users"].create(
            {"name": "Purchase Employee", "login": "cb_purchase_employee"}
        )
        self._create_order(self.client)
        self._create_order(employee.partner_id)
        clients = self.env["res.partner"].search(
            [("client_base_is_client", "=", True),
             ("id", "in", (self.client | employee.partner_id).ids)]
        )  # fmt: skip
        self.assertEqual(clients, self.client)
        self.assertEqual(self.client.client_status, "new")
        self.assertFalse(employee.partner_id.client_status)
        # and every figure agrees: they bought nothing as far as the suite knows
        own = self._create_order(self.company.partner_id, confirm=False)
        own.order_line.product_id = self.env["product.product"].create(
            {"name": "Purchase Service", "type": "service", "taxes_id": []}
        )  # no delivery from the company to itself
        own.action_confirm()
        self.assertEqual(len(self._purchases()), 1)
        self.assertFalse(self._purchases(employee.partner_id))
        self.assertFalse(self._purchases(self.company.partner_id))
        self.assertFalse(
            self.env["client.base.purchase.line"].search(
                [("partner_id", "=", employee.partner_id.id)]
            )
        )
        # an employee who leaves (archived user) is a customer like another
        employee.active = False
        self.assertTrue(self._purchases(employee.partner_id))

    def test_a_page_is_the_slice_of_all_purchases_so_sorted(self):
        """The list reads a page from each source's first rows: the same
        purchases as the page of all of them, whatever the order, filter or
        offset, and as a salesperson within their clients."""
        theirs = self._colleagues_client("Purchase Page Theirs SRL")
        for days_ago, amount, partner in (
            (1, 40.0, self.person), (1, 40.0, theirs), (2, 60.0, theirs),
            (3, 90.0, self.client), (8, 15.0, theirs), (20, 300.0, self.person),
            (20, 75.0, self.client), (30, 55.0, self.client),
        ):  # fmt: skip
            self._order_on(partner, days_ago, amount)
        orders = ("date desc, id desc", "amount, id", "name desc, id", "partner_id, id")
        assert_pages_of_the_whole(self, self.Purchase, [], orders)
        assert_pages_of_the_whole(self, self.Purchase, [("amount", ">", 50)], orders)
        assert_pages_of_the_whole(
            self, self.Purchase, [("partner_id.name", "ilike", "Theirs")], orders[:2]
        )
        assert_pages_of_the_whole(
            self, self.Purchase.with_user(self.cb_user), [], orders[:2]
        )

    def test_groups_are_those_of_all_purchases(self):
        """A pivot groups each source's purchases where it reads them: the
        same groups, counts and sums as grouping all of them, whatever the
        grouping, filter, order or page, and as a salesperson within their
        clients; an average is grouped from every purchase."""
        theirs = self._colleagues_client("Purchase Groups Theirs SRL")
        for days_ago, amount, partner in (
            (1, 40.0, self.person), (1, 40.0, theirs), (2, 60.0, theirs),
            (3, 90.0, self.client), (40, 15.0, theirs), (200, 300.0, self.person),
            (400, 75.0, self.client), (700, 55.0, self.client),
        ):  # fmt: skip
            self._order_on(partner, days_ago, amount)
        Purchase = self.Purchase.with_context(tz="Europe/Chisinau")
        measures = ["__count", "amount:sum"]
        for groupby, aggregates, options in (
            (["channel", "day:year"], measures, {}),
            (["day:month"], [*measures, "margin:sum", "date:max"], {}),
            (
                ["partner_id", "day:week"],
                measures,
                {"order": "amount:sum desc, partner_id, day:week"},
            ),
            (["partner_id"], measures, {"having": [("__count", ">", 2)]}),
            (["user_id", "day:quarter"], measures, {"limit": 2, "offset": 1}),
            ([], measures, {}),
            (["date:month"], measures, {}),
            (["day:year"], ["amount:avg", "__count"], {}),
            # what the order or the condition on the groups reads beside them
            (["partner_id"], ["amount:sum"], {"order": "amount:avg desc"}),
            (["partner_id"], ["amount:sum"], {"having": [("amount:avg", ">", 40)]}),
            (["partner_id"], ["__count"], {"having": [("amount:sum", ">", 100)]}),
            (["partner_id"], ["__count"], {"order": "margin:sum desc, amount:max"}),
            (
                ["channel"],
                ["__count"],
                {"having": [("partner_id:count_distinct", ">", 1)]},
            ),
        ):
            assert_groups_of_the_whole(
                self, Purchase, [], groupby, aggregates, **options
            )
        assert_groups_of_the_whole(
            self, Purchase, [("amount", ">", 50)], ["day:year"], measures
        )
        assert_groups_of_the_whole(
            self, Purchase.with_user(self.cb_user), [], ["channel", "day:year"],
            measures,
        )  # fmt: skip
        # an integer's sum stays an integer; a request's context cannot ask
        # for the sources' groups
        ((hours,),) = Purchase._read_group([], [], ["hour:sum"])
        self.assertIsInstance(hours, int)
        forged = self.Purchase.with_context(client_base_grouped_parts=True)
        self.assertEqual(
            forged.read_group([], ["amount:avg"], ["partner_id"]),
            self.Purchase.read_group([], ["amount:avg"], ["partner_id"]),
        )
        # the pivot's statement groups each source, then their groups
        with patch.object(self.env.cr, "execute", wraps=self.env.cr.execute) as execute:
            self.Purchase._read_group([], ["channel", "day:year"], measures)
        (statement,) = [
            str(call.args[0]) for call in execute.call_args_list
            if "GROUP BY" in str(call.args[0])
        ]  # fmt: skip
        sources = len(self.Purchase._purchase_sources())
        self.assertEqual(statement.count("GROUP BY"), sources + 1)
