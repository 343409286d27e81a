from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from odoo.addons.client_base.tests.common import post_invoice

from .common import AnalysisCase, month


@tagged("post_install", "-at_install")
@freeze_time("2026-06-15")
class TestAnalysisBases(AnalysisCase):
    """Margin and invoice bases, RFM by fixed limits, and the company settings."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.big, cls.small, cls.refunded = Partner.create(
            [
                {"name": name, "is_company": True}
                for name in ("Big", "Small", "Refunded")
            ]
        )

    def _invoice(self, partner, when, amount, move_type="out_invoice"):
        return post_invoice(self.env, partner, when, amount, move_type)

    def test_margin_basis(self):
        # the product costs 60: each order of 100 leaves 40
        for index in range(3):
            self._order(self.big, month(index), 100)
        self._order(self.small, month(5), 70)
        lines = self._lines(self._run(basis="margin"))
        self.assertEqual(lines[self.big].revenue, 120)
        self.assertEqual(lines[self.big].frequency, 3)
        self.assertEqual(lines[self.small].revenue, 10)
        self.assertEqual(self._lines(self._run(basis="revenue"))[self.big].revenue, 300)

    def test_invoice_basis_net_of_refunds(self):
        self._invoice(self.big, date(2025, 7, 1), 1000)
        self._invoice(self.big, date(2026, 5, 2), 500)
        self._invoice(self.big, date(2026, 5, 20), 300, "out_refund")
        self._invoice(self.big, date(2025, 5, 31), 9000)  # before the period
        self._invoice(self.small, date(2026, 1, 15), 400)
        self._invoice(self.refunded, date(2026, 2, 1), 250)
        self._invoice(self.refunded, date(2026, 2, 3), 250, "out_refund")
        draft = self.env["account.move"].create(
            {"move_type": "out_invoice", "partner_id": self.small.id}
        )
        self.assertEqual(draft.state, "draft")
        self.company.client_purchase_basis = "invoice"
        run = self._run(basis="revenue")
        self.assertEqual(run.purchase_basis, "invoice")
        lines = self._lines(run)
        self.assertEqual(lines[self.big].revenue, 1200, "1000 + 500 - 300")
        self.assertEqual(lines[self.big].frequency, 2, "A refund is no purchase")
        self.assertEqual(lines[self.big].recency, 29, "Last invoice, not the refund")
        self.assertEqual(lines[self.small].revenue, 400)
        refunded = lines[self.refunded]
        self.assertEqual(refunded.revenue, 0, "Refunded in full: no revenue")
        self.assertEqual(refunded.frequency, 1)
        self.assertFalse(refunded.abc_class or refunded.xyz_class or refunded.rank)
        self.assertFalse(refunded.rfm_segment)

    def test_refunds_beyond_the_purchases_leave_a_client_without_a_class(self):
        self.company.client_purchase_basis = "invoice"
        self._invoice(self.big, date(2026, 1, 5), 1000)
        self._invoice(self.small, date(2025, 5, 2), 800)  # before the period
        self._invoice(self.small, date(2026, 2, 3), 300)
        self._invoice(self.small, date(2026, 2, 20), 800, "out_refund")
        run = self._run(basis="revenue")
        lines = self._lines(run)
        self.assertEqual(lines[self.small].revenue, -500)
        self.assertFalse(lines[self.small].abc_class)
        self.assertEqual(lines[self.big].abc_class, "A")
        self.assertEqual(lines[self.big].share, 100, "The shares leave it out")
        self.assertEqual(run.top_client_id, self.big)
        self.small.invalidate_recordset()
        self.assertFalse(self.small.client_abc_class)

    def test_margin_needs_orders_as_purchases(self):
        self.company.client_purchase_basis = "invoice"
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self._run(basis="margin")
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.company.client_analysis_basis = "margin"
            self.company.flush_recordset()

    def test_the_companys_purchases_and_days_rank_the_clients(self):
        # on the company's invoice basis the revenue basis reads the invoices
        self._order(self.big, datetime(2026, 3, 2, 10), 999)
        self.company.client_purchase_basis = "invoice"
        self._invoice(self.big, date(2026, 3, 5), 400)
        self._invoice(self.big, date(2026, 4, 5), 100, "out_refund")
        lines = self._lines(self._run(basis="revenue"))
        self.assertEqual(lines[self.big].revenue, 300)
        self.assertEqual(lines[self.big].frequency, 1)
        self.company.client_purchase_basis = "order"
        # an order late on the period's last evening in UTC is the next
        # morning in Chisinau: after the period there
        self._order(self.small, datetime(2026, 5, 31, 22, 30), 70)
        self.assertIn(self.small, self._lines(self._run(basis="revenue")))
        self.company.client_timezone = "Europe/Chisinau"
        self.assertNotIn(self.small, self._lines(self._run(basis="revenue")))

    def test_only_clients_are_classified(self):
        """A portal user's company is a client; an employee buying is not: the
        analysis and the statuses agree."""
        portal = self.env["res.users"].create(
            {
                "name": "Portal Buyer",
                "login": "cba_portal_buyer",
                "partner_id": self.small.id,
                "groups_id": [(6, 0, self.env.ref("base.group_portal").ids)],
            }
        )
        employee = self.env["res.users"].create(
            {"name": "Buying Employee", "login": "cba_buying_employee"}
        )
        self._order(portal.partner_id, month(3), 500)
        self._order(employee.partner_id, month(3), 900)
        lines = self._lines(self._run(basis="revenue"))
        self.assertIn(self.small, lines)
        self.assertNotIn(employee.partner_id, lines)
        self.assertTrue(self.small.client_status)
        self.assertFalse(employee.partner_id.client_status)

    def test_rfm_by_fixed_limits(self):
        for index in range(10):  # 10 orders of 700: 7000, last on May 10
            self._order(self.big, month(index + 2), 700)
        self._order(self.small, month(1), 400)  # one order in July 2025
        lines = self._lines(
            self._run(
                rfm_scoring="limits",
                rfm_recency_limits="30, 90, 180, 365",
                rfm_frequency_limits="2, 3, 5, 10",
                rfm_monetary_limits="100, 500, 1000, 5000",
            )
        )
        big, small = lines[self.big], lines[self.small]
        self.assertEqual((big.recency, big.frequency), (21, 10))
        self.assertEqual((big.r_score, big.f_score, big.m_score), (5, 5, 5))
        self.assertEqual(small.recency, 325)
        self.assertEqual((small.r_score, small.f_score, small.m_score), (2, 1, 2))
        self.assertEqual(big.rfm_segment, "champions")
        self.assertEqual(small.rfm_segment, "hibernating")

    def test_bad_settings_are_refused_and_nothing_is_written(self):
        company = self.company
        before = (company.client_abc_a, company.client_abc_b)
        for values in (
            {"client_abc_a": 96},
            {"client_abc_b": 101},
            {"client_xyz_x": 30, "client_xyz_y": 20},
            {"client_xyz_months": 1},
            {"client_analysis_months": 0},
            {"client_rfm_scoring": "limits", "client_rfm_recency_limits": "90, 30"},
            {"client_rfm_scoring": "limits", "client_rfm_monetary_limits": "a, b"},
            {"client_rfm_scoring": "limits", "client_rfm_frequency_limits": "-1,2,3,4"},
        ):
            with (
                self.subTest(values=values),
                self.assertRaises(ValidationError),
                self.env.cr.savepoint(),
            ):
                company.write({"client_abc_a": 50, **values})
                company.flush_recordset()
        company.invalidate_recordset()
        self.assertEqual((company.client_abc_a, company.client_abc_b), before)

    def test_settings_give_the_next_run_its_parameters(self):
        self.company.write(
            {
                "client_analysis_months": 6,
                "client_abc_a": 70,
                "client_abc_b": 90,
                "client_rfm_scoring": "limits",
            }
        )
        Run = self.env["client.base.analysis.run"]
        values = Run.with_user(self.manager).default_get(list(Run._fields))
        self.assertEqual(values["date_to"], date(2026, 6, 14))
        self.assertEqual(values["date_from"], date(2025, 12, 15))
        self.assertEqual((values["abc_a"], values["abc_b"]), (70, 90))
        self.assertEqual(values["rfm_scoring"], "limits")
        self.assertEqual(values["rfm_recency_limits"], "30, 90, 180, 365")
