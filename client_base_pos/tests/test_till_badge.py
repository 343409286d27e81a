from datetime import datetime, time, timedelta

from odoo import Command
from odoo.tests import tagged

from odoo.addons.client_base.tests import common  # noqa: F401 (tours wait for Chromium)
from odoo.addons.point_of_sale.tests.test_frontend import TestPointOfSaleHttpCommon


@tagged("post_install", "-at_install")
class TestTillBadge(TestPointOfSaleHttpCommon):
    """The cashier knows the client: its status, a round date soon, loaded
    with the till's own customers for a POS user who cannot read the suite."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.main_pos_config.company_id
        today = cls.company._client_base_today()
        Partner = cls.env["res.partner"]
        cls.vera = Partner.create(
            {
                "name": "Vera Regular",
                "client_birthday": today.replace(year=today.year - 40)
                + timedelta(days=3),
            }
        )
        cls.pavel = Partner.create({"name": "Pavel Walk-in", "customer_rank": 1})
        product = cls.env["product.product"].create(
            {"name": "Tea Box", "list_price": 30.0, "taxes_id": []}
        )
        # a customer buying every month for half a year: regular
        for months in range(6):
            order = cls.env["sale.order"].create(
                {
                    "partner_id": cls.vera.id,
                    "company_id": cls.company.id,
                    "order_line": [
                        Command.create({"product_id": product.id, "price_unit": 30})
                    ],
                }
            )
            order.action_confirm()
            order.date_order = datetime.combine(
                today - timedelta(days=30 * months + 5), time(10)
            )
        Partner._client_base_refresh_status(cls.company, cause="initial")

    def test_loaded_with_the_customers_for_a_cashier(self):
        self.main_pos_config.with_user(self.pos_user).open_ui()
        session = self.main_pos_config.current_session_id.with_user(self.pos_user)
        self.assertFalse(self.pos_user.has_group("client_base.group_client_base_user"))
        loaded = session.with_company(self.company).load_data([])
        partners = loaded["res.partner"]
        self.assertNotIn("error", partners)
        badges = {row["id"]: row["client_pos_badge"] for row in partners["data"]}
        vera = {part["kind"]: part["value"] for part in badges[self.vera.id]}
        self.assertEqual(vera, {"status": "regular", "occasion": "birthday"})
        self.assertEqual(
            [part["value"] for part in badges[self.pavel.id]], ["potential"]
        )
        self.assertFalse(badges[self.pos_user.partner_id.id], "Staff: no client")

    def _badge_queries(self, partners):
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        partners.read(["client_pos_badge"])
        return self.cr.sql_log_count - before

    def test_badge_queries_do_not_grow_with_customers(self):
        Partner = self.env["res.partner"].with_company(self.company)
        birthday = self.vera.client_birthday

        def customers(count):
            return Partner.create(
                [
                    {
                        "name": f"Buyer {i}",
                        "customer_rank": 1,
                        "client_birthday": birthday,
                    }
                    for i in range(count)
                ]
            )

        few, many = customers(3), customers(30)
        self.assertEqual(len(many._client_badge()), 30)
        self._badge_queries(few)  # caches warm: only the badge's own queries count
        self.assertEqual(self._badge_queries(many), self._badge_queries(few))

    def test_the_till_shows_the_client_and_counts_its_purchase(self):
        self.start_pos_tour("ClientBaseTillBadgeTour", login="pos_user")
        pavel = self.pavel.sudo().with_company(self.company)
        pavel.invalidate_recordset()
        self.assertEqual(pavel.client_status, "new", "A first purchase at the till")
        purchase = (
            self.env["client.base.purchase"]
            .sudo()
            .search([("partner_id", "=", self.pavel.id)])
        )
        self.assertEqual(purchase.channel, "pos")
        self.assertEqual(purchase.day, self.company._client_base_today())
