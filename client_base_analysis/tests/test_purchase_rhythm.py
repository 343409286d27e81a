from datetime import date, datetime

from odoo.tests import tagged

from odoo.addons.client_base.tests.common import assert_pages_of_the_whole, post_invoice

from .common import AnalysisCase


@tagged("post_install", "-at_install")
class TestPurchaseRhythm(AnalysisCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.client = Partner.create(
            {"name": "Rhythm Mill", "is_company": True, "user_id": cls.user.id}
        )
        cls.buyer = Partner.create({"name": "Rhythm Buyer", "parent_id": cls.client.id})
        cls.other = Partner.create({"name": "Other Mill", "is_company": True})
        cls.Rhythm = cls.env["client.base.purchase.rhythm"]

    def _rhythm(self, partner, user=None):
        self.env.flush_all()
        Rhythm = self.Rhythm.with_user(user) if user else self.Rhythm
        return Rhythm.search([("partner_id", "=", partner.id)])

    def test_weekday_and_hour_in_the_company_time_zone(self):
        """Monday 22:30 UTC is Tuesday 00:30 in Chisinau in winter (UTC+2) and
        Tuesday 01:30 in summer (UTC+3); without a time zone it stays UTC."""
        winter = self._order(self.buyer, datetime(2026, 1, 5, 22, 30), 100)
        summer = self._order(self.buyer, datetime(2026, 7, 6, 22, 30), 100)
        rows = {row.purchase_id.res_id: row for row in self._rhythm(self.client)}
        self.assertEqual((rows[winter.id].weekday, rows[winter.id].hour), ("1", "22"))
        self.company.client_timezone = "Europe/Chisinau"
        self.Rhythm.invalidate_model()
        rows = {row.purchase_id.res_id: row for row in self._rhythm(self.client)}
        self.assertEqual((rows[winter.id].weekday, rows[winter.id].hour), ("2", "00"))
        self.assertEqual((rows[summer.id].weekday, rows[summer.id].hour), ("2", "01"))
        self.assertEqual(
            rows[winter.id].partner_id, self.client, "Rolled up to the client"
        )

    def test_heatmap_cells_and_classes(self):
        self.company.client_timezone = "UTC"
        for day in (5, 12, 19):
            self._order(self.client, datetime(2026, 1, day, 10, 15), 500)
        self._order(self.client, datetime(2026, 1, 8, 16, 0), 200)
        self._order(self.other, datetime(2026, 1, 6, 10, 0), 50)
        self._run()
        self.env.flush_all()
        cells = {
            (weekday, hour): count
            for weekday, hour, count in self.Rhythm._read_group(
                [("partner_id", "in", (self.client | self.other).ids)],
                ["weekday", "hour"],
                ["order_count:sum"],
            )
        }
        self.assertEqual(cells, {("1", "10"): 3, ("4", "16"): 1, ("2", "10"): 1})
        # the heat map's columns read as hours, its rows Monday to Sunday
        hours = dict(self.Rhythm._fields["hour"].selection)
        self.assertEqual((hours["07"], hours["16"]), ("07:00", "16:00"))
        self.assertEqual(list(cells), sorted(cells), "Weekdays, then hours, in order")
        rows = self._rhythm(self.client)
        self.assertEqual(set(rows.mapped("abc_class")), {"A"})
        self.assertEqual(set(rows.mapped("client_status")), {self.client.client_status})
        self.assertTrue(self.client.client_status)

    def test_invoices_have_a_day_and_no_hour(self):
        self.company.client_purchase_basis = "invoice"
        self._order(self.client, datetime(2026, 1, 5, 10), 999)
        post_invoice(self.env, self.client, date(2026, 1, 8), 300)
        post_invoice(self.env, self.client, date(2026, 1, 9), 100, "out_refund")
        rows = self._rhythm(self.client)
        self.assertEqual(len(rows), 1, "The invoice, not the order nor the refund")
        self.assertEqual((rows.weekday, rows.hour, rows.amount), ("4", False, 300))

    def test_salesperson_sees_own_orders_managers_all(self):
        """Rows follow the client's salesperson (Other Mill is the manager's),
        as every analysis does."""
        self.other.user_id = self.manager
        self._order(self.client, datetime(2026, 1, 5, 10), 100).user_id = self.user
        self._order(self.other, datetime(2026, 1, 5, 11), 100).user_id = self.manager
        self.assertEqual(len(self._rhythm(self.client, self.user)), 1)
        self.assertFalse(self._rhythm(self.other, self.user))
        self.assertEqual(len(self._rhythm(self.other, self.manager)), 1)

    def test_other_companies_excluded(self):
        other_company = self.env["res.company"].create({"name": "Rhythm Other Co"})
        self._order(self.client, datetime(2026, 1, 5, 10), 100, company=other_company)
        self.assertFalse(self._rhythm(self.client, self.manager))

    def test_a_page_is_the_slice_of_all_rows_so_sorted(self):
        """The list reads a page from each source's first rows: the same rows
        as the page of all of them, with the list's date filter, and as a
        salesperson within their clients."""
        self.other.user_id = self.manager
        for day, hour, amount, client in (
            (5, 10, 100, self.client), (5, 10, 60, self.other),
            (6, 9, 80, self.client), (7, 15, 20, self.other),
            (9, 11, 300, self.client), (12, 8, 45, self.client),
        ):  # fmt: skip
            self._order(client, datetime(2026, 1, day, hour), amount)
        orders = ("date_order desc, id desc", "amount desc, id")
        assert_pages_of_the_whole(self, self.Rhythm, [], orders)
        assert_pages_of_the_whole(
            self, self.Rhythm, [("date_order", ">=", "2026-01-06 00:00:00")], orders
        )
        assert_pages_of_the_whole(self, self.Rhythm.with_user(self.user), [], orders)
