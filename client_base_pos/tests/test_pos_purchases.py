from odoo import fields
from odoo.tests import tagged
from odoo.tools import SQL

from odoo.addons.client_base.tests.common import (
    assert_groups_of_the_whole,
    assert_pages_of_the_whole,
)
from odoo.addons.point_of_sale.tests.common import TestPoSCommon


@tagged("post_install", "-at_install")
class TestPosPurchases(TestPoSCommon):
    """Orders paid at the till, through a POS session as the till sends them,
    are the customer's purchases for every figure of the suite."""

    def setUp(self):
        super().setUp()
        self.config = self.basic_config
        self.bread = self.create_product("Bread", self.categ_basic, 10.0, 4.0)
        self.cake = self.create_product("Cake", self.categ_basic, 25.0, 12.0)
        Partner = self.env["res.partner"]
        self.shop_client = Partner.create(
            {"name": "Corner Cafe SRL", "is_company": True}
        )
        self.buyer = Partner.create(
            {"name": "Cafe Buyer", "parent_id": self.shop_client.id}
        )
        self.walk_in = Partner.create({"name": "Walk-in Card Holder"})
        # read as the suite's jobs do: the test user keeps the books, not clients
        self.Purchase = self.env["client.base.purchase"].sudo()
        self.open_new_session()

    def _sell(self, customer, lines, invoiced=False, uuid=None):
        total = sum(product.lst_price * qty for product, qty in lines)
        orders = self._create_orders(
            [
                {
                    "pos_order_lines_ui_args": lines,
                    "customer": customer,
                    "payments": [(self.cash_pm1, total)],
                    "is_invoiced": invoiced,
                    "uuid": uuid,
                }
            ]
        )
        return next(iter(orders.values()))

    def _purchases(self, client):
        self.env.flush_all()
        self.Purchase.invalidate_model()
        return self.Purchase.search([("partner_id", "=", client.id)])

    def test_a_client_who_buys_only_at_the_till(self):
        first = self._sell(self.buyer, [(self.bread, 3), (self.cake, 1)])
        self.assertEqual(first.state, "paid")
        client = self.shop_client.sudo().with_company(first.company_id)
        self.assertEqual(client.client_status, "new", "A first purchase at the till")
        self.assertEqual(client.client_order_count, 1)
        self._sell(self.buyer, [(self.bread, 2)])
        purchases = self._purchases(self.shop_client)
        self.assertEqual(
            sorted((p.amount, p.channel, p.res_model, p.counted) for p in purchases),
            [(20.0, "pos", "pos.order", True), (55.0, "pos", "pos.order", True)],
        )
        self.assertEqual(purchases.order_partner_id, self.buyer)
        self.assertEqual(purchases[0].day, fields.Date.context_today(first))
        client.invalidate_recordset()
        self.assertEqual(client.client_order_count, 2)
        self.assertEqual(client.client_last_order_date, purchases[0].day)
        # the lines are what the client buys
        preferences = self.shop_client.sudo().client_product_preference_ids
        self.assertEqual(
            {(p.product_id, p.quantity, p.order_count) for p in preferences},
            {(self.bread, 5.0, 2), (self.cake, 1.0, 1)},
        )

    def test_a_refund_lowers_the_amount_and_is_no_purchase(self):
        order = self._sell(self.walk_in, [(self.cake, 2)])
        order.refund()
        refund = self.pos_session.order_ids.filtered(lambda o: o.state == "draft")
        self.make_payment(refund, self.cash_pm1, -50.0)
        self.assertEqual(refund.state, "paid")
        purchases = self._purchases(self.walk_in)
        self.assertEqual(
            sorted((p.amount, p.counted) for p in purchases),
            [(-50.0, False), (50.0, True)],
        )
        walk_in = self.walk_in.sudo().with_company(order.company_id)
        self.assertEqual(walk_in.client_order_count, 1, "The refund is no purchase")

    def test_an_invoiced_order_counts_once_whatever_the_basis(self):
        self.company.client_purchase_basis = "invoice"
        order = self._sell(self.buyer, [(self.cake, 1)], invoiced=True)
        self.assertTrue(order.account_move)
        self.assertEqual(order.account_move.state, "posted")
        purchases = self._purchases(self.shop_client)
        self.assertEqual(
            [(p.res_model, p.amount) for p in purchases], [("pos.order", 25.0)]
        )
        self.company.client_purchase_basis = "order"
        self.assertEqual(len(self._purchases(self.shop_client)), 1)

    def test_minimum_orders_are_for_quotations_not_the_till(self):
        self.env["client.base.order.threshold"].sudo().create(
            {"company_id": self.company.id, "amount_first": 500, "amount_repeat": 100}
        )
        order = self._sell(self.walk_in, [(self.bread, 1)])
        self.assertEqual(order.state, "paid", "10 paid, below any minimum")
        self.assertEqual(self._purchases(self.walk_in).amount, 10.0)

    def test_a_sale_without_customer_is_nobodys_purchase(self):
        before = self.Purchase.search_count([("channel", "=", "pos")])
        order = self._sell(False, [(self.bread, 1)])
        self.assertEqual(order.state, "paid")
        self.env.flush_all()
        self.assertEqual(self.Purchase.search_count([("channel", "=", "pos")]), before)

    def _summary_matches_the_purchases(self):
        """The purchases' summary by day equals the purchases grouped so."""
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT company_id, partner_id, day, count(*) FILTER (WHERE counted),"
            " sum(amount) FROM client_base_purchase GROUP BY 1, 2, 3"
        )
        expected = {
            (company, partner, day): (orders, round(float(amount), 2))
            for company, partner, day, orders, amount in self.env.cr.fetchall()
        }
        summary = {
            (row.company_id.id, row.partner_id.id, row.day): (
                row.orders,
                round(row.amount, 2),
            )
            for row in self.env["client.base.purchase.day"].sudo().search([])
        }
        self.assertEqual(summary, expected)
        return summary

    def test_the_tills_purchases_in_the_summary_by_day(self):
        order = self._sell(self.buyer, [(self.bread, 3), (self.cake, 1)])
        refunded = self._sell(self.walk_in, [(self.cake, 2)])
        refunded.refund()
        refund = self.pos_session.order_ids.filtered(lambda o: o.state == "draft")
        self.make_payment(refund, self.cash_pm1, -50.0)
        self._sell(self.buyer, [(self.cake, 1)], invoiced=True)
        summary = self._summary_matches_the_purchases()
        day = fields.Date.context_today(order)
        self.assertEqual(
            summary[(self.company.id, self.shop_client.id, day)], (2, 80.0)
        )
        self.assertEqual(summary[(self.company.id, self.walk_in.id, day)], (1, 0.0))
        # a line changed after payment, then the session closed (paid -> done)
        order.lines[:1].price_subtotal = 20.0
        self._summary_matches_the_purchases()
        self.pos_session.action_pos_session_validate()
        self._summary_matches_the_purchases()
        # counted from invoices: the invoiced POS order still once
        self.company.client_purchase_basis = "invoice"
        self._summary_matches_the_purchases()

    def test_a_till_customer_is_a_client_among_a_few(self):
        """The client domain kept to a few partners (the till's customer load)
        counts a purchase at the till as the whole-base domain does."""
        customer = self.env["res.partner"].create({"name": "Walk-in Card Holder"})
        self._sell(customer, [(self.bread, 1)])
        Partner = self.env["res.partner"]
        among = Partner.search(Partner._get_client_domain(among=customer.ids))
        self.assertEqual(among, customer)
        self.assertIn(customer, Partner.search(Partner._get_client_domain()))

    def test_the_order_keeps_what_it_brings_as_its_lines_say(self):
        """Each order keeps its purchase's amount and kind from its lines, by
        the ORM as the till writes them and by the one statement that fills
        the orders already there when the module is installed: both agree."""
        sold = self._sell(self.buyer, [(self.bread, 3), (self.cake, 1)])
        sold.refund()
        refund = self.pos_session.order_ids.filtered(lambda o: o.state == "draft")
        self.make_payment(refund, self.cash_pm1, -55.0)
        self.env.flush_all()
        orders = sold | refund

        def kept():
            return [
                (o.client_base_purchase_kind, o.client_base_amount_untaxed)
                for o in orders
            ]

        self.assertEqual(kept(), [("purchase", 55.0), ("refund", -55.0)])
        # a line that settles a sale order is none of the till's purchase
        quotation = (
            self.env["sale.order"]
            .sudo()
            .create(
                {
                    "partner_id": self.buyer.id,
                    "order_line": [
                        fields.Command.create({"product_id": self.bread.id})
                    ],
                }
            )
        )
        sold.lines[:1].sale_order_line_id = quotation.order_line
        self.assertEqual(sold.client_base_amount_untaxed, 25.0)
        self.assertEqual(
            sorted(self._purchases(self.shop_client).mapped("amount")), [-55.0, 25.0]
        )
        self.env.cr.execute(
            "UPDATE pos_order SET client_base_purchase_kind = NULL,"
            " client_base_amount_untaxed = NULL WHERE id = ANY(%s)",
            [orders.ids],
        )
        self.env["pos.order"]._client_base_fill_purchase_columns(
            SQL("po.id = ANY(%s)", orders.ids)
        )
        orders.invalidate_recordset()
        self.assertEqual(
            [
                (o.client_base_purchase_kind, o.client_base_amount_untaxed)
                for o in orders
            ],
            [("purchase", 25.0), ("refund", -55.0)],
        )
        # an order whose every line settles a sale order is no purchase
        sold.lines.sale_order_line_id = sold.lines[:1].sale_order_line_id
        self.assertFalse(sold.client_base_purchase_kind)
        self.assertEqual(sold.client_base_amount_untaxed, 0.0)
        self.assertEqual(self._purchases(self.shop_client).res_id, refund.id)
        # the settled line deleted: the database clears the link, the line is
        # bought at the till again
        quotation.order_line.unlink()
        self.env.flush_all()
        self.assertEqual(
            (sold.client_base_purchase_kind, sold.client_base_amount_untaxed),
            ("purchase", 55.0),
        )
        self.assertEqual(
            sorted(self._purchases(self.shop_client).mapped("amount")), [-55.0, 55.0]
        )

    def test_a_page_of_purchases_from_the_till_and_the_sales_team(self):
        """Pages of purchases and of the purchase rhythm mix the till's and
        the sale orders' newest: each the slice of all of them so sorted; a
        pivot's groups are those of all of them."""
        for lines in ([(self.bread, 1)], [(self.cake, 2)], [(self.bread, 4)]):
            self._sell(self.buyer, lines)
        for amount in (70.0, 15.0, 35.0):
            order = (
                self.env["sale.order"]
                .sudo()
                .create(
                    {
                        "partner_id": self.buyer.id,
                        "order_line": [
                            fields.Command.create(
                                {"product_id": self.cake.id, "price_unit": amount}
                            )
                        ],
                    }
                )
            )
            order.action_confirm()
        domain = [("partner_id", "=", self.shop_client.id)]
        self.assertEqual(
            set(self.Purchase.search(domain).mapped("channel")), {"pos", "sale"}
        )
        orders = ("date desc, id desc", "amount desc, id", "channel, id desc")
        assert_pages_of_the_whole(self, self.Purchase, domain, orders)
        assert_pages_of_the_whole(self, self.Purchase, [("counted", "=", True)], orders)
        # and a pivot's groups, each channel grouped where it is read
        for groupby in (["channel", "day:year"], ["counted", "partner_id"], []):
            assert_groups_of_the_whole(
                self, self.Purchase, domain, groupby, ["__count", "amount:sum"]
            )
