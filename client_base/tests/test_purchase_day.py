from datetime import date, datetime, time
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import new_test_user, tagged
from odoo.tools import SQL

from .common import TODAY, ClientBaseCommon, assert_groups_of_the_whole, post_invoice


@freeze_time(TODAY)
@tagged("post_install", "-at_install")
class TestPurchaseDay(ClientBaseCommon):
    """client.base.purchase.day: the purchases summed per client, company and
    day stay equal to client.base.purchase grouped so, whatever changes a
    purchase, computed anew for the clients touched only, before a read and
    before the commit; a read never writes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Day = cls.env["client.base.purchase.day"]
        cls.client = cls._create_client("Summary Bakery SRL")
        cls.person = cls.env["res.partner"].create(
            {"name": "Summary Buyer", "parent_id": cls.client.id}
        )
        cls.other = cls._create_client("Summary Mill SRL")

    def _dated(self, order, when):
        order.date_order = datetime.combine(when, time(10))
        return order

    def _expected(self):
        """The purchases grouped by company, client and day, from the view."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT company_id, partner_id, day,
                       count(*) FILTER (WHERE counted), sum(amount)
                  FROM client_base_purchase
                 GROUP BY 1, 2, 3
                """
            )
        )
        return {
            (company, partner, day): (orders, round(float(amount), 2))
            for company, partner, day, orders, amount in self.env.cr.fetchall()
        }

    def _summary(self):
        """What the summary holds, read through the ORM as a report would."""
        rows = self.Day.search([])
        return {
            (row.company_id.id, row.partner_id.id, row.day): (
                row.orders,
                round(row.amount, 2),
            )
            for row in rows
        }

    def _assert_in_line(self):
        expected = self._expected()
        self.assertEqual(self._summary(), expected)
        self.assertEqual(self._client_summary(), self._clients_of(expected))
        self.assertEqual(self._month_summary(), self._months_of(expected))
        self.assertEqual(self._year_summary(), self._years_of(expected))
        return expected

    @staticmethod
    def _months_of(days):
        """The summary by month that the days give: purchase occasions,
        amount and purchase days per client and month."""
        months = {}
        for (company, partner, day), (orders, amount) in days.items():
            key = (company, partner, day.replace(day=1))
            month_orders, month_amount, month_days = months.get(key, (0, 0.0, 0))
            months[key] = (
                month_orders + orders, round(month_amount + amount, 2), month_days + 1
            )  # fmt: skip
        return months

    @classmethod
    def _years_of(cls, days):
        """The summary by year that the days give, through their months."""
        years = {}
        for (company, partner, month), values in cls._months_of(days).items():
            key = (company, partner, month.replace(month=1))
            orders, amount, year_days = years.get(key, (0, 0.0, 0))
            years[key] = (
                orders + values[0], round(amount + values[1], 2), year_days + values[2]
            )  # fmt: skip
        return years

    def _period_summary(self, table, column):
        """What the summary by period ``table`` holds."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "SELECT company_id, partner_id, %s, orders, amount, days FROM %s",
                SQL.identifier(column),
                SQL.identifier(table),
            )
        )
        return {
            (company, partner, period): (orders, round(float(amount), 2), days)
            for company, partner, period, orders, amount, days
            in self.env.cr.fetchall()
        }  # fmt: skip

    def _month_summary(self):
        return self._period_summary("client_base_purchase_month", "month")

    def _year_summary(self):
        return self._period_summary("client_base_purchase_year", "year")

    @staticmethod
    def _clients_of(days):
        """The summary by client that the days give: first and last day of
        a purchase occasion, occasions, amount, and the months bought after
        the first month as bits."""
        clients = {}
        for (company, partner, day), (orders, amount) in sorted(days.items()):
            client = clients.setdefault(
                (company, partner),
                {"first": None, "last": None, "orders": 0, "amount": 0.0, "days": []},
            )
            client["orders"] += orders
            client["amount"] = round(client["amount"] + amount, 2)
            if orders > 0:
                client["first"] = client["first"] or day
                client["last"] = day
                client["days"].append(day)
        summary = {}
        for key, client in clients.items():
            months = 0
            for day in client["days"]:
                first = client["first"]
                after = (day.year - first.year) * 12 + day.month - first.month
                months |= 1 << min(after, 62)
            summary[key] = (
                client["first"], client["last"], client["orders"], client["amount"],
                months,
            )  # fmt: skip
        return summary

    def _client_summary(self):
        """What the summary by client holds."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """SELECT company_id, partner_id, first_day, last_day, orders,
                          amount, months
                     FROM client_base_purchase_client"""
            )
        )
        return {
            (company, partner): (first, last, orders, round(float(amount), 2), months)
            for company, partner, first, last, orders, amount, months
            in self.env.cr.fetchall()
        }  # fmt: skip

    def test_the_summary_by_client_follows_its_days(self):
        """The months a client bought in after its first, its first and last
        purchase and its totals follow every order, and a client with no
        purchase left leaves the summary by client."""
        march = self._dated(self._create_order(self.client, 100.0), date(2026, 3, 9))
        self._dated(self._create_order(self.person, 40.0), date(2026, 5, 30))
        self._dated(self._create_order(self.client, 60.0), date(2026, 6, 2))
        expected = self._assert_in_line()
        first, last, orders, amount, months = self._client_summary()[
            (self.company.id, self.client.id)
        ]
        self.assertEqual((first, last, orders, amount), (
            date(2026, 3, 9), date(2026, 6, 2), 3, 200.0,
        ))  # fmt: skip
        self.assertEqual(months, 0b1101, "March, then May and June")
        self.assertTrue(expected)
        march._action_cancel()
        self.assertEqual(
            self._client_summary()[(self.company.id, self.client.id)][4],
            0b11,
            "May is now the first month",
        )
        self._assert_in_line()
        self.client.sale_order_ids.filtered(
            lambda o: o.state == "sale"
        )._action_cancel()
        self.person.sale_order_ids.filtered(
            lambda o: o.state == "sale"
        )._action_cancel()
        self.assertNotIn((self.company.id, self.client.id), self._client_summary())
        self._assert_in_line()

    def _client_days(self, partner=None):
        partner = partner or self.client
        return {
            day: values
            for (company, client, day), values in self._summary().items()
            if client == partner.id and company == self.company.id
        }

    def test_orders_of_a_day_are_one_row_and_follow_every_change(self):
        first = self._dated(self._create_order(self.person, 250.0), date(2026, 6, 1))
        self._dated(self._create_order(self.client, 50.0), date(2026, 6, 1))
        self._dated(self._create_order(self.other, 70.0), date(2026, 6, 3))
        self._create_order(self.person, 90.0, confirm=False)
        self.assertEqual(self._client_days(), {date(2026, 6, 1): (2, 300.0)})
        self._assert_in_line()

        # a line changed on a confirmed order: the amount the ORM recomputes
        first.order_line.price_unit = 200.0
        self.assertEqual(self._client_days(), {date(2026, 6, 1): (2, 250.0)})
        # the date moved: the purchase goes to its new day
        self._dated(first, date(2026, 6, 5))
        self.assertEqual(
            self._client_days(),
            {date(2026, 6, 1): (1, 50.0), date(2026, 6, 5): (1, 200.0)},
        )
        # cancelled: no purchase left that day
        first._action_cancel()
        self.assertEqual(self._client_days(), {date(2026, 6, 1): (1, 50.0)})
        self._assert_in_line()

    def test_a_contact_moving_company_takes_its_purchases_along(self):
        self._dated(self._create_order(self.person, 120.0), date(2026, 5, 20))
        self._dated(self._create_order(self.client, 30.0), date(2026, 5, 21))
        self.assertEqual(len(self._client_days()), 2)
        self.person.parent_id = self.other
        self.assertEqual(self._client_days(), {date(2026, 5, 21): (1, 30.0)})
        self.assertEqual(self._client_days(self.other), {date(2026, 5, 20): (1, 120.0)})
        self._assert_in_line()

    def test_an_order_given_to_another_client(self):
        order = self._dated(self._create_order(self.client, 80.0), date(2026, 5, 2))
        order.partner_id = self.other
        self.assertFalse(self._client_days())
        self.assertEqual(self._client_days(self.other), {date(2026, 5, 2): (1, 80.0)})
        self._assert_in_line()

    def test_the_company_time_zone_and_basis_rebuild_its_days(self):
        order = self._create_order(self.client, 100.0)
        order.date_order = datetime(2026, 6, 10, 22, 30)
        self.assertEqual(list(self._client_days()), [date(2026, 6, 10)])
        self.company.client_timezone = "Europe/Chisinau"
        self.assertEqual(list(self._client_days()), [date(2026, 6, 11)])
        self._assert_in_line()

        post_invoice(self.env, self.person, date(2026, 6, 2), 400.0)
        post_invoice(self.env, self.person, date(2026, 6, 2), 150.0, "out_refund")
        self.company.client_purchase_basis = "invoice"
        # the invoice and its refund: one purchase, the refund lowering it
        self.assertEqual(self._client_days(), {date(2026, 6, 2): (1, 250.0)})
        self._assert_in_line()

    def test_a_client_becoming_a_colleague_leaves_the_summary(self):
        self._dated(self._create_order(self.other, 60.0), date(2026, 4, 1))
        self.assertTrue(self._client_days(self.other))
        colleague = new_test_user(
            self.env, login="summary_colleague", groups="base.group_user"
        )
        colleague.partner_id = self.other
        self.assertFalse(self._client_days(self.other))
        self._assert_in_line()

    def test_merged_clients_sum_on_the_survivor(self):
        self._dated(self._create_order(self.client, 40.0), date(2026, 3, 3))
        self._dated(self._create_order(self.other, 60.0), date(2026, 3, 3))
        wizard = self.env["base.partner.merge.automatic.wizard"].create({})
        wizard._merge((self.client | self.other).ids, dst_partner=self.client)
        self.assertEqual(self._client_days(), {date(2026, 3, 3): (2, 100.0)})
        self._assert_in_line()

    def test_merged_clients_days_apart_sum_on_the_survivor(self):
        """Odoo moves the merged client's days, which no day of the survivor
        stops, and deletes its months and years, which the survivor's stop:
        the survivor's periods are summed anew all the same."""
        self._dated(self._create_order(self.client, 40.0), date(2026, 3, 3))
        self._dated(self._create_order(self.other, 60.0), date(2026, 3, 10))
        wizard = self.env["base.partner.merge.automatic.wizard"].create({})
        wizard._merge((self.client | self.other).ids, dst_partner=self.client)
        self._assert_in_line()
        self.assertEqual(
            self.Day._read_group(
                [("partner_id", "=", self.client.id)], ["day:year"],
                ["__count", "amount:sum"],
            ),
            [(date(2026, 1, 1), 2, 100.0)],
        )  # fmt: skip

    def test_computed_by_the_write_itself_without_a_read(self):
        order = self._create_order(self.client, 75.0)
        order.order_line.price_unit = 95.0
        # what Odoo writes before a commit: the summary is computed with it
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "SELECT orders, amount FROM client_base_purchase_day"
                " WHERE partner_id = %s",
                self.client.id,
            )
        )
        self.assertEqual(
            [(orders, float(amount)) for orders, amount in self.env.cr.fetchall()],
            [(1, 95.0)],
        )
        # and rolled back with the write it followed
        with self.assertRaises(ZeroDivisionError), self.env.cr.savepoint():
            order.order_line.price_unit = 10.0
            self.env.flush_all()
            self.assertEqual(self._client_days(), {TODAY: (1, 10.0)})
            _ = 1 / 0
        self.env.invalidate_all()
        self.assertEqual(self._client_days(), {TODAY: (1, 95.0)})

    def test_a_read_never_writes(self):
        self._create_order(self.client, 75.0)
        self._assert_in_line()
        with patch.object(
            type(self.Day), "_client_base_refresh", side_effect=AssertionError
        ):
            self.Day.search([])
            self.Day._read_group([], ["partner_id"], ["amount:sum"])
            self.env["client.base.purchase"].search([])
            self.env["res.partner"]._client_base_refresh_status(
                self.company, cause="silence"
            )

    def test_a_new_contact_moves_no_purchase(self):
        self._create_order(self.client, 10.0)
        with patch.object(
            type(self.Day), "_client_base_refresh", side_effect=AssertionError
        ):
            self.env["res.partner"].create(
                {"name": "Summary New Buyer", "parent_id": self.client.id}
            )
            self.env.flush_all()

    def test_a_company_partner_is_no_client(self):
        self._dated(self._create_order(self.other, 60.0), date(2026, 4, 2))
        company_b = self.env["res.company"].create({"name": "Summary Holding"})
        company_b.partner_id = self.other
        self.assertFalse(self._client_days(self.other))
        company_b.partner_id = self.env["res.partner"].create({"name": "Holding"})
        self.assertTrue(self._client_days(self.other), "a client again")
        self._assert_in_line()

    def test_queries_flat_for_many_clients(self):
        clients = [self._create_client(f"Summary Shop {n}") for n in range(12)]
        orders = self.env["sale.order"]
        for client in clients:
            orders |= self._create_order(client, 10.0)
        self.env.flush_all()

        def queries_to_write(orders, amount):
            orders.order_line.price_unit = amount
            before = self.env.cr.sql_log_count
            self.env.flush_all()
            return self.env.cr.sql_log_count - before

        one = queries_to_write(orders[:1], 20.0)
        many = queries_to_write(orders[1:], 20.0)
        self.assertEqual(one, many)
        self.assertEqual(
            self._client_days(clients[5]), {TODAY: (1, 20.0)}, "written with them"
        )
        self._assert_in_line()

    def test_the_daily_check_repairs_a_document_changed_by_sql(self):
        order = self._create_order(self.client, 100.0)
        self._assert_in_line()
        self.env.flush_all()
        self.env.cr.execute(
            SQL("UPDATE sale_order SET amount_untaxed = 130 WHERE id = %s", order.id)
        )
        self.assertEqual(list(self._client_days().values()), [(1, 100.0)])
        self.Day._cron_client_base_check()
        self.assertEqual(
            list(self._client_days().values()), [(1, 130.0)], "repaired by the job"
        )
        self._assert_in_line()

    def test_the_daily_check_repairs_the_summary_by_client(self):
        """Days right but a client's rows by client and by month wrong (two
        transactions wrote days of one client at once, each summing only its
        own): the job mends them."""
        self._dated(self._create_order(self.client, 100.0), date(2026, 4, 1))
        self._dated(self._create_order(self.client, 50.0), date(2026, 6, 1))
        expected = self._assert_in_line()
        self.env.cr.execute(
            SQL(
                """UPDATE client_base_purchase_client
                      SET orders = 1, amount = 50, months = 1,
                          first_day = '2026-06-01'
                    WHERE partner_id = %s""",
                self.client.id,
            )
        )
        self.env.cr.execute(
            SQL(
                """UPDATE client_base_purchase_month SET orders = 2, amount = 1
                    WHERE partner_id = %s AND month = '2026-04-01';
                   DELETE FROM client_base_purchase_month
                    WHERE partner_id = %s AND month = '2026-06-01';
                   INSERT INTO client_base_purchase_month
                          (partner_id, company_id, month, orders, amount)
                   VALUES (%s, %s, '2026-05-01', 1, 10);
                   UPDATE client_base_purchase_year SET amount = 1, days = 9
                    WHERE partner_id = %s""",
                self.client.id, self.client.id, self.client.id, self.company.id,
                self.client.id,
            )
        )  # fmt: skip
        self.assertNotEqual(self._client_summary(), self._clients_of(expected))
        self.assertNotEqual(self._month_summary(), self._months_of(expected))
        self.assertNotEqual(self._year_summary(), self._years_of(expected))
        self.Day._cron_client_base_check()
        self._assert_in_line()

    def test_read_only_and_each_salesperson_their_own_clients(self):
        colleague = new_test_user(
            self.env,
            login="summary_other_salesperson",
            groups="client_base.group_client_base_user",
        )
        self.other.user_id = colleague
        self._create_order(self.client, 10.0)
        self._create_order(self.other, 20.0)
        mine = self.Day.with_user(self.cb_user).search([])
        self.assertIn(self.client, mine.partner_id)
        self.assertNotIn(self.other, mine.partner_id)
        self.assertIn(
            self.other, self.Day.with_user(self.cb_manager).search([]).partner_id
        )
        with self.assertRaises(AccessError):
            self.Day.with_user(self.cb_manager).create(
                {"company_id": self.company.id, "partner_id": self.client.id,
                 "day": TODAY}
            )  # fmt: skip
        with self.assertRaises(AccessError):
            mine.with_user(self.cb_user).write({"amount": 1.0})
        with self.assertRaises(AccessError):
            self.Day.with_user(self.employee).search([])

    def test_a_pivot_by_period_reads_the_summary_by_period(self):
        """A pivot of the days by month, quarter or year, by client or
        company, reads the summary by month or year: the same groups, counts
        and sums as Odoo's grouping of the days, whatever the order, page or
        user; a grouping the periods cannot give reads the days."""
        colleague = new_test_user(
            self.env,
            login="summary_pivot_salesperson",
            groups="client_base.group_client_base_user",
        )
        self.other.user_id = colleague
        for when, amount, partner in (
            (date(2025, 2, 3), 10.0, self.client), (date(2025, 2, 3), 5.0, self.person),
            (date(2025, 2, 17), 7.0, self.client), (date(2025, 8, 1), 30.0, self.other),
            (date(2026, 1, 5), 12.0, self.client), (date(2026, 4, 9), 40.0, self.other),
            (date(2026, 4, 20), 3.0, self.client),
        ):  # fmt: skip
            self._dated(self._create_order(partner, amount), when)
        cancelled = self._dated(self._create_order(self.client, 8.0), date(2026, 1, 5))
        cancelled.action_cancel()
        measures = ["__count", "orders:sum", "amount:sum"]
        for groupby, options, table in (
            (["day:year"], {}, "year"),
            (
                ["partner_id", "day:year"],
                {"order": "amount:sum desc, partner_id, day:year"},
                "year",
            ),
            (["day:quarter"], {"having": [("__count", ">", 1)]}, "month"),
            (["company_id", "day:month"], {"limit": 2, "offset": 1}, "month"),
            (["partner_id"], {}, "year"),
            ([], {}, "year"),
            (["day:week"], {}, None),
            (["day:year", "day:month"], {}, "month"),
        ):
            for user in (self.env.user, self.cb_user):
                Day = self.Day.with_user(user)
                assert_groups_of_the_whole(self, Day, [], groupby, measures, **options)
            with patch.object(
                self.env.cr, "execute", wraps=self.env.cr.execute
            ) as execute:
                self.Day._read_group([], groupby, measures, **options)
            read = " ".join(str(call.args[0]) for call in execute.call_args_list)
            self.assertEqual("client_base_purchase_year" in read, table == "year")
            self.assertEqual(
                "client_base_purchase_month" in read, table == "month", groupby
            )
        # a client's periods read the summary; what the periods cannot give, the days
        for domain, aggregates in (
            ([("partner_id", "=", self.client.id)], measures),
            ([("day", ">=", date(2025, 2, 10))], measures),
            ([("amount", ">", 6)], measures),
            ([], ["__count", "amount:max"]),
        ):
            assert_groups_of_the_whole(self, self.Day, domain, ["day:year"], aggregates)
        # nor what the order or the condition on the groups reads beside them
        for options in (
            {"order": "day:max desc"},
            {"order": "amount:avg desc"},
            {"having": [("amount:avg", ">", 10)]},
            {"having": [("margin:sum", ">", 0)]},
            {"having": [("amount:sum", ">", 10)]},
        ):
            assert_groups_of_the_whole(
                self, self.Day, [], ["partner_id"], ["__count"], **options
            )
        # a request's context cannot ask for the periods' rows
        forged = self.Day.with_context(
            client_base_grouped_parts=["client_base_purchase_year", "year"]
        )
        self.assertEqual(forged.search([]), self.Day.search([]))
        self.assertIsInstance(self.Day._read_group([], [], ["orders:sum"])[0][0], int)
        self.assertEqual(
            self.Day._client_base_period_table(
                [("partner_id", "=", self.client.id)], ["day:year"], measures
            ),
            ("client_base_purchase_year", "year"),
        )
        self.assertIsNone(
            self.Day._client_base_period_table(
                [("day", ">=", date(2025, 2, 10))], ["day:year"], measures
            )
        )

    def test_other_companies_rows_are_theirs(self):
        company_b = self.env["res.company"].create({"name": "Summary Company B"})
        self.cb_manager.company_ids |= company_b
        order = self.env["sale.order"].create(
            {
                "partner_id": self.client.id,
                "company_id": company_b.id,
                "order_line": [
                    Command.create({"product_id": self.product.id, "price_unit": 10.0})
                ],
            }
        )
        order.action_confirm()
        self._create_order(self.client, 15.0)
        self._assert_in_line()
        seen = self.Day.with_user(self.cb_manager).with_context(
            allowed_company_ids=[self.company.id]
        )
        self.assertEqual(seen.search([]).company_id, self.company)
        both = self.Day.with_user(self.cb_manager).with_context(
            allowed_company_ids=[self.company.id, company_b.id]
        )
        self.assertEqual(both.search([]).company_id, self.company | company_b)
