from datetime import date

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import new_test_user, tagged

from .common import AnalysisCase

INF = float("inf")
NAN = float("nan")


@tagged("post_install", "-at_install")
class TestAnalysisBounds(AnalysisCase):
    """Absurd settings and entries are refused with a clear message and
    nothing is written."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.bounds_co = cls.env["res.company"].create({"name": "Bounds Mill"})
        # the settings are for administrators only: the least rights that work
        cls.admin = new_test_user(
            cls.env,
            login="cba_bounds_admin",
            groups="base.group_system",
            company_id=cls.bounds_co.id,
            company_ids=[cls.bounds_co.id],
        )
        (cls.manager | cls.user).company_ids |= cls.bounds_co
        cls.source = cls.env["client.base.source"].create({"name": "Bounds Fair"})

    def _settings(self, **values):
        return (
            self.env["res.config.settings"]
            .with_user(self.admin)
            .with_company(self.bounds_co)
            .create(values)
        )

    def _assert_refused(self, cases, write):
        snapshot = self.bounds_co.read(list({case[0] for case in cases}))[0]
        for field, value in cases:
            with (
                self.subTest(field=field, value=value),
                self.assertRaises(ValidationError),
                self.cr.savepoint(),
            ):
                write({field: value})
        self.bounds_co.invalidate_recordset()
        self.assertEqual(self.bounds_co.read(list(snapshot))[0], snapshot)

    def test_rfm_limits_four_finite_increasing_positive_numbers(self):
        cases = [
            (field, limits)
            for field in (
                "client_rfm_recency_limits",
                "client_rfm_frequency_limits",
                "client_rfm_monetary_limits",
            )
            for limits in (
                "1,2,3,inf",
                "nan,1,2,3",
                "1,nan,2,3",
                "-inf,1,2,3",
                "1,2,3,1e400",
                "0,1,2,3",
                "1,1,2,3",
                "1,2,3",
                "1,2,3,1e12",
            )
        ] + [("client_rfm_recency_limits", "30, 90, 180, 3661")]

        def write(values):
            self._settings(client_rfm_scoring="limits", **values)

        self._assert_refused(cases, write)
        self.assertEqual(self.bounds_co.client_rfm_scoring, "quintile")
        self._settings(
            client_rfm_scoring="limits",
            client_rfm_recency_limits="7, 30, 90.5, 3660",
            client_rfm_monetary_limits="1, 10, 100, 999999999999",
        )
        self.assertEqual(self.bounds_co.client_rfm_recency_limits, "7, 30, 90.5, 3660")

    def test_percentages_within_0_100_and_ordered(self):
        cases = [
            ("client_abc_a", NAN),
            ("client_abc_a", 0),
            ("client_abc_a", 96),
            ("client_abc_b", 100.5),
            ("client_abc_b", INF),
            ("client_xyz_x", -1),
            ("client_xyz_x", NAN),
            ("client_xyz_x", 300),
            ("client_xyz_y", 1101),
            ("client_xyz_y", INF),
            ("client_concentration_warning", 0),
            ("client_concentration_warning", 100.01),
            ("client_concentration_warning", NAN),
            ("client_strategic_high", 101),
            ("client_strategic_high", NAN),
            ("client_strategic_medium", 70),
            ("client_strategic_medium", NAN),
            ("client_strategic_medium", -INF),
        ]
        self._assert_refused(cases, lambda values: self._settings(**values))
        self._assert_refused(cases, self.bounds_co.with_user(self.admin).write)
        self._settings(client_abc_a=50, client_abc_b=100, client_xyz_y=1100)
        self.assertEqual(self.bounds_co.client_abc_b, 100)
        self.assertEqual(self.bounds_co.client_xyz_y, 1100)

    def test_months_days_and_cost_within_bounds(self):
        cases = [
            ("client_analysis_months", 0),
            ("client_analysis_months", 121),
            ("client_analysis_months", 2**31),
            ("client_xyz_months", 1),
            ("client_xyz_months", 121),
            ("client_xyz_months", 2**31),
            ("client_silent_days", 0),
            ("client_silent_days", 3661),
            ("client_silent_days", 2**31),
            ("client_cost_to_serve", -0.01),
            ("client_cost_to_serve", 10**12),
            ("client_cost_to_serve", 1e300),
            ("client_cost_to_serve", INF),
            ("client_cost_to_serve", NAN),
        ]
        self._assert_refused(cases, lambda values: self._settings(**values))
        self._assert_refused(cases, self.bounds_co.with_user(self.admin).write)
        Company = self.env["res.company"].with_user(self.admin)
        for field, value in cases:
            with (
                self.subTest(create=field, value=value),
                self.assertRaises(ValidationError),
                self.cr.savepoint(),
            ):
                Company.create({"name": "Absurd Mill", field: value})
        self.assertFalse(Company.search([("name", "=", "Absurd Mill")]))
        self._settings(
            client_analysis_months=120,
            client_xyz_months=120,
            client_silent_days=3660,
            client_cost_to_serve=999_999_999_999,
        )
        self.assertEqual(self.bounds_co.client_xyz_months, 120)

    @freeze_time("2026-06-15")
    def test_review_years(self):
        Review = (
            self.env["client.base.yearly.review"]
            .with_user(self.manager)
            .with_company(self.bounds_co)
        )
        this_year = 2026
        for year in (-1, 0, 1999, 2101, 10000, 2**31, this_year):
            with (
                self.subTest(review=year),
                self.assertRaises(ValidationError),
                self.cr.savepoint(),
            ):
                Review.create({"year": year})
        self.assertTrue(Review.create({"year": this_year - 1}))

    def test_marketing_spend_amounts(self):
        Spend = (
            self.env["client.base.marketing.spend"]
            .with_user(self.manager)
            .with_company(self.bounds_co)
        )
        base = {
            "name": "Bounds Flyers",
            "source_id": self.source.id,
            "date_from": date(2024, 1, 1),
            "date_to": date(2024, 1, 31),
        }
        for amount in (-0.01, 10**12, 1e300, INF, -INF, NAN):
            with (
                self.subTest(amount=amount),
                self.assertRaises(ValidationError),
                self.cr.savepoint(),
            ):
                Spend.create({**base, "amount": amount})
        self.assertFalse(Spend.search([("name", "=", "Bounds Flyers")]))
        spend = Spend.create({**base, "amount": 999_999_999_999})
        for amount in (10**12, INF, NAN):
            with (
                self.subTest(write=amount),
                self.assertRaises(ValidationError),
                self.cr.savepoint(),
            ):
                spend.write({"amount": amount})
        spend.invalidate_recordset()
        self.assertEqual(spend.amount, 999_999_999_999)

    def test_strategic_criterion_weights_and_names(self):
        Criterion = (
            self.env["client.base.strategic.criterion"]
            .with_user(self.manager)
            .with_company(self.bounds_co)
        )
        base = {"name": "Bounds potential", "company_id": self.bounds_co.id}
        for weight in (0, -1, 100.01, 1e9, INF, NAN):
            with (
                self.subTest(weight=weight),
                self.assertRaises(ValidationError),
                self.cr.savepoint(),
            ):
                Criterion.create({**base, "weight": weight})
        with self.assertRaises(ValidationError), self.cr.savepoint():
            Criterion.create({**base, "name": "x" * 257})
        self.assertFalse(Criterion.search([("company_id", "=", self.bounds_co.id)]))
        criterion = Criterion.create({**base, "weight": 100})
        for values in ({"weight": NAN}, {"weight": 101}, {"name": "y" * 10_000}):
            with (
                self.subTest(write=values),
                self.assertRaises(ValidationError),
                self.cr.savepoint(),
            ):
                criterion.write(values)
        criterion.invalidate_recordset()
        self.assertEqual((criterion.name, criterion.weight), (base["name"], 100))
        self.assertTrue(Criterion.create({**base, "name": "z" * 256}))

    def test_a_score_that_is_no_number_is_refused(self):
        Criterion = self.env["client.base.strategic.criterion"].with_company(
            self.bounds_co
        )
        criterion = Criterion.create(
            {"name": "Bounds typed", "company_id": self.bounds_co.id, "weight": 50}
        )
        client = self.env["res.partner"].create(
            {"name": "Bounds Typed SRL", "is_company": True}
        )
        Score = self.env["client.base.strategic.score"].with_company(self.bounds_co)
        for score in ("abc", "1,5"):
            with (
                self.subTest(score=score),
                self.assertRaisesRegex(ValidationError, "takes"),
                self.cr.savepoint(),
            ):
                Score.create(
                    {"partner_id": client.id, "criterion_id": criterion.id,
                     "score": score}
                )  # fmt: skip
        self.assertFalse(Score.search([("partner_id", "=", client.id)]))
