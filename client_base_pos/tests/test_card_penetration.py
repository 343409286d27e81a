from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.point_of_sale.tests.common import TestPoSCommon


@tagged("post_install", "-at_install")
class TestCardPenetration(TestPoSCommon, HttpCase):
    """The share of the till's revenue that identified clients bring, by shop
    and month; sales without a customer count in the revenue only."""

    def setUp(self):
        super().setUp()
        self.config = self.basic_config
        self.config.name = "Penetration Shop"
        self.bread = self.create_product("Bread", self.categ_basic, 10.0, 4.0)
        self.card_holder = self.env["res.partner"].create({"name": "Card Holder"})
        self.manager = new_test_user(
            self.env,
            login="pos_pen_manager",
            groups="client_base.group_client_base_manager",
        )
        self.open_new_session()

    def _sell(self, customer, qty):
        self._create_orders(
            [
                {
                    "pos_order_lines_ui_args": [(self.bread, qty)],
                    "customer": customer,
                    "payments": [(self.cash_pm1, 10.0 * qty)],
                }
            ]
        )

    def test_share_of_identified_revenue(self):
        self._sell(self.card_holder, 3)  # 30 from a client
        self._sell(False, 1)  # 10 from nobody known
        self._sell(self.env.user.partner_id, 6)  # staff: not a client
        self.env.flush_all()
        Penetration = self.env["client.base.pos.penetration"].with_user(self.manager)
        row = Penetration.search([("shop_id", "=", self.config.id)])
        self.assertEqual(len(row), 1, "one shop, one month")
        self.assertEqual((row.amount, row.identified_amount), (100.0, 30.0))
        self.assertEqual(row.share, 30.0)
        self.assertEqual((row.order_count, row.identified_count), (3, 1))
        today = self.company._client_base_today()
        total = Penetration._penetration_by(
            self.company, today.replace(day=1), today, None
        )
        self.assertEqual(total, [(None, 100.0, 30.0, 30.0)])
        by_shop = Penetration._penetration_by(
            self.company, today.replace(day=1), today, "shop_id"
        )
        self.assertEqual(by_shop, [(self.config.id, 100.0, 30.0, 30.0)])

    def test_for_managers_only(self):
        salesperson = new_test_user(
            self.env, login="pos_pen_user", groups="client_base.group_client_base_user"
        )
        with self.assertRaises(AccessError):
            self.env["client.base.pos.penetration"].with_user(salesperson).search([])

    def test_a_manager_reads_it_in_the_browser(self):
        self._sell(self.card_holder, 3)
        self._sell(False, 7)
        self.start_tour(
            "/odoo", "client_base_pos_card_penetration", login=self.manager.login
        )
