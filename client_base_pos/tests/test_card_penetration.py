from datetime import timedelta

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
        orders = self._create_orders(
            [
                {
                    "pos_order_lines_ui_args": [(self.bread, qty)],
                    "customer": customer,
                    "payments": [(self.cash_pm1, 10.0 * qty)],
                }
            ]
        )
        return next(iter(orders.values()))

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

    def _summary_in_line(self):
        """The till's summary by shop and day equals its fresh computation
        (the rebuild finds nothing to write), and its rows of the shop."""
        self.env.flush_all()
        Till = self.env["client.base.pos.till.day"]
        self.assertEqual(Till._client_base_refresh(company=self.company), 0)
        rows = Till.with_user(self.manager).search([("shop_id", "=", self.config.id)])
        return {(row.day, row.identified, row.amount, row.orders) for row in rows}

    def test_the_tills_summary_follows_sales_and_clients(self):
        today = self.company._client_base_today()
        sale = self._sell(self.card_holder, 3)
        self._sell(False, 1)
        self.assertEqual(
            self._summary_in_line(), {(today, True, 30.0, 1), (today, False, 10.0, 1)}
        )
        # a refund lowers the revenue and is no sale
        sale.refund()
        refund = self.pos_session.order_ids.filtered(lambda o: o.state == "draft")
        self.make_payment(refund, self.cash_pm1, -30.0)
        self.assertEqual(
            self._summary_in_line(), {(today, True, 0.0, 1), (today, False, 10.0, 1)}
        )
        # the card holder hired: staff is no client, read without a flush
        new_test_user(self.env, login="card_holder", partner_id=self.card_holder.id)
        Penetration = self.env["client.base.pos.penetration"].with_user(self.manager)
        row = Penetration.search([("shop_id", "=", self.config.id)])
        self.assertEqual(
            (row.amount, row.identified_amount, row.order_count), (10.0, 0.0, 2)
        )
        self.assertEqual(self._summary_in_line(), {(today, False, 10.0, 2)})
        # a sale given its customer afterwards, then moved to another day
        later = self._sell(False, 2)
        later.partner_id = self.env["res.partner"].create({"name": "Late Card"})
        self.assertEqual(
            self._summary_in_line(), {(today, False, 10.0, 2), (today, True, 20.0, 1)}
        )
        later.date_order -= timedelta(days=40)
        self.assertEqual(
            self._summary_in_line(),
            {(today, False, 10.0, 2), (today - timedelta(days=40), True, 20.0, 1)},
        )

    def test_the_daily_check_mends_the_tills_summary(self):
        self._sell(self.card_holder, 3)
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE client_base_pos_till_day SET amount = 0 WHERE shop_id = %s",
            [self.config.id],
        )
        self.env["client.base.pos.till.day"].invalidate_model()
        self.env["client.base.purchase.day"]._cron_client_base_check()
        self.assertEqual(
            self._summary_in_line(),
            {(self.company._client_base_today(), True, 30.0, 1)},
        )

    def test_a_sale_writes_its_days_in_as_many_queries_as_one(self):
        """A sale's write computes its shop's day anew in a fixed number of
        queries, however many days and sales the shop has."""
        old = self._sell(self.card_holder, 1)
        Till = self.env["client.base.pos.till.day"]
        counts = []
        for days in (1, 30):
            for day in range(days):
                sale = self._sell(self.card_holder, 1)
                sale.date_order = old.date_order - timedelta(days=day + 2)
            self.env.flush_all()
            before = self.cr.sql_log_count
            old.partner_id = False
            self.env.flush_all()
            counts.append(self.cr.sql_log_count - before)
            old.partner_id = self.card_holder
            self.env.flush_all()
        self.assertEqual(counts[0], counts[1], "queries with 1 and 31 days")
        self.assertEqual(Till._client_base_refresh(company=self.company), 0)

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
