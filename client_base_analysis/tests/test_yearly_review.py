from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import AnalysisCase


@tagged("post_install", "-at_install")
class TestYearlyReview(AnalysisCase, HttpCase):
    """2024: Alder 1,500 (two orders), Cedar 800, Birch 300. 2025: Alder
    2,000, Dogwood 1,000 (two orders). Worked out by hand:

    - revenue 2,600 -> 3,000; clients 3 -> 2; churn 2025: 2 of 3 left;
    - classes 2024: Alder A (nobody above), Cedar A (57.7% above), Birch B
      (88.5% above); 2025: Alder A, Dogwood A (66.7% above);
    - migrations: Birch B -> none, Cedar A -> none, Dogwood none -> A;
    - top client: Alder, 57.69% then 66.67%.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.review_co = cls.env["res.company"].create({"name": "Review Mill"})
        cls.manager.company_ids |= cls.review_co
        Partner = cls.env["res.partner"]
        cls.alder, cls.birch, cls.cedar, cls.dogwood = Partner.create(
            [
                {"name": name, "is_company": True}
                for name in ("Alder", "Birch", "Cedar", "Dogwood")
            ]
        )
        cls._orders_on_days(
            (
                (cls.alder, date(2024, 1, 10), 1000),
                (cls.alder, date(2024, 2, 15), 500),
                (cls.birch, date(2024, 1, 20), 300),
                (cls.cedar, date(2024, 3, 5), 800),
                (cls.alder, date(2025, 3, 1), 2000),
                (cls.dogwood, date(2025, 5, 10), 400),
                (cls.dogwood, date(2025, 5, 20), 600),
            ),
            company=cls.review_co,
        )
        cls.env["client.base.status.history"].create(
            {
                "partner_id": cls.alder.id,
                "company_id": cls.review_co.id,
                "status_from": "new",
                "status_to": "regular",
                "cause": "order",
                "date": datetime(2025, 3, 1, 10),
            }
        )

    def _review(self, year=2025, user=None):
        Review = self.env["client.base.yearly.review"].with_user(user or self.manager)
        return Review.with_company(self.review_co).create(
            {"year": year, "company_id": self.review_co.id}
        )

    def test_review_numbers(self):
        data = self._review()._review_data()
        rows = {row[0]: row[1:] for row in data["rows"]}
        self.assertEqual(rows["Clients who bought"], ("2", "3"))
        self.assertEqual(rows["Confirmed orders"], ("3", "4"))
        self.assertEqual(rows["Churn rate"][0], "66.7 %")
        self.assertEqual(rows["Top client's share"], ("66.7 %", "57.7 %"))
        self.assertIn("3,000", rows["Revenue"][0])
        self.assertIn("2,600", rows["Revenue"][1])
        classes = {row[0]: row[1:] for row in data["classes"]}
        self.assertEqual(classes["A"][0], "2", "Alder and Dogwood in 2025")
        self.assertEqual((classes["A"][2], classes["B"][2]), ("2", "1"))
        self.assertEqual(
            data["migrations"], [("-", "A", 1), ("A", "-", 1), ("B", "-", 1)]
        )
        statuses = {row[0]: row[1:] for row in data["statuses"]}
        # nothing recorded up to the end of 2024: no count rather than 0
        self.assertEqual(statuses["Regular"], ("1", "—"))
        self.assertIn("31 December 2024", data["statuses_note"])
        self.assertEqual(data["top_client"], "Alder")
        self.assertTrue(data["pareto"].startswith("0.0,200.0"))

    def test_calendar_year_analyses_run_once(self):
        review = self._review()
        review.action_print()
        review.action_print()
        Run = self.env["client.base.analysis.run"].with_context(active_test=False)
        runs = Run.search([("company_id", "=", self.review_co.id)])
        self.assertEqual(
            sorted(runs.mapped("date_from")), [date(2024, 1, 1), date(2025, 1, 1)]
        )
        self.assertFalse(
            any(runs.mapped("active")), "Archived: the clients' classes stay"
        )

    def test_pdf_renders(self):
        self.env["ir.config_parameter"].sudo().set_param("report.url", self.base_url())
        review = self._review()
        review.action_print()
        Report = self.env["ir.actions.report"].with_user(self.manager)
        html, _kind = Report._render_qweb_html(
            "client_base_analysis.report_yearly_review", review.ids
        )
        self.assertIn(b"Client-base review", html)
        self.assertIn(b"polyline", html)
        with mute_logger("odoo.addons.base.models.ir_actions_report"):
            pdf, kind = Report.with_context(
                force_report_rendering=True
            )._render_qweb_pdf("client_base_analysis.report_yearly_review", review.ids)
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))

    @freeze_time("2026-06-15")
    def test_bad_year_and_rights(self):
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self._review(year=2026)
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self._review(year=1999)
        salesperson = new_test_user(
            self.env,
            login="cba_review_user",
            groups="client_base.group_client_base_user",
        )
        with self.assertRaises(AccessError):
            self._review(user=salesperson)
