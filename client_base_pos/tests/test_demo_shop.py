from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoShop(TransactionCase):
    """The demo's shop tells its story: card holders buying weekly or monthly
    at the till get their statuses, a third of the sales is to nobody known."""

    def test_a_year_at_the_till(self):
        Story = self.env["client.base.demo.story"]
        counts = Story._demo_shop(seed=5, holders=8)
        self.assertEqual(counts["card_holders"], 8)
        holders = self.env["res.partner"].search([("ref", "=like", "CBSHOP%")])
        orders = self.env["pos.order"].search([("partner_id", "in", holders.ids)])
        anonymous = self.env["pos.order"].search_count(
            [("partner_id", "=", False), ("session_id", "in", orders.session_id.ids)]
        )
        self.assertEqual(len(orders) + anonymous, counts["sales"])
        self.assertAlmostEqual(anonymous / counts["sales"], 1 / 3, delta=0.02)
        statuses = set(holders.with_company(orders.company_id).mapped("client_status"))
        self.assertTrue(statuses <= {"new", "regular", "occasional", "dormant"})
        self.assertIn("regular", statuses, "Weekly card holders are regular")
        penetration = self.env["client.base.pos.penetration"].search(
            [("shop_id", "=", orders.session_id.config_id.id)]
        )
        self.assertGreaterEqual(len(penetration), 10, "A year of months")
        shares = penetration.filtered("amount").mapped("share")
        self.assertTrue(all(0 < share < 100 for share in shares))

    def test_the_benchmarks_till_beside_the_orders(self):
        client = self.env["res.partner"].create(
            {"name": "Bench Client", "is_company": True}
        )
        product = self.env["product.product"].create(
            {"name": "Bench Goods", "list_price": 100.0, "taxes_id": []}
        )
        orders = self.env["sale.order"].create(
            [
                {
                    "partner_id": client.id,
                    "order_line": [
                        (0, 0, {"product_id": product.id, "price_unit": 100})
                    ],
                }
                for _index in range(4)
            ]
        )
        orders.action_confirm()
        confirmed = self.env["sale.order"].search_count(
            [("state", "=", "sale"), ("company_id", "=", self.env.company.id)]
        )
        written = self.env["client.base.demo.story"]._bench_till(share=1.0)
        self.assertEqual(written, confirmed, "one purchase at the till per order")
        self.env.flush_all()
        purchases = self.env["client.base.purchase"].search(
            [("partner_id", "=", client.id)]
        )
        self.assertEqual(
            sorted((p.channel, p.amount) for p in purchases),
            [("pos", 30.0)] * 4 + [("sale", 100.0)] * 4,
        )
