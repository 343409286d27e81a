from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import AnalysisCase, month


@tagged("post_install", "-at_install")
class TestStrategicMatrix(AnalysisCase):
    """Growth potential weighs 3, strategic fit 1. Scores (1 is 0, 5 is 100):

    - Xylo: growth 5, fit 1 -> (3 x 1 + 1 x 0) / 4 = 75 -> high
    - Yarrow: growth 2, fit 4 -> (3 x 0.25 + 1 x 0.75) / 4 = 37.5 -> low
    - Zinnia: growth 3, fit 3 -> 50 -> medium

    Revenue over the period: Yarrow 8,000 (A), Zinnia 1,500 (B), Xylo 500 (C).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.matrix_co = cls.env["res.company"].create({"name": "Matrix Mill"})
        for user in (cls.manager, cls.user):
            user.company_ids |= cls.matrix_co
        Criterion = cls.env["client.base.strategic.criterion"]
        cls.growth = Criterion.create(
            {"name": "Growth potential", "weight": 3, "company_id": cls.matrix_co.id}
        )
        cls.fit = Criterion.create(
            {"name": "Strategic fit", "weight": 1, "company_id": cls.matrix_co.id}
        )
        Partner = cls.env["res.partner"]
        cls.xylo, cls.yarrow, cls.zinnia = Partner.create(
            [
                {"name": name, "is_company": True, "user_id": cls.user.id}
                for name in ("Xylo", "Yarrow", "Zinnia")
            ]
        )
        cls.yarrow.user_id = cls.manager
        for partner, amount in (
            (cls.yarrow, 8000),
            (cls.zinnia, 1500),
            (cls.xylo, 500),
        ):
            cls._order(partner, month(3), amount, company=cls.matrix_co)
        cls.analysis = cls._run_for(cls.matrix_co)

    @classmethod
    def _run_for(cls, company):
        Run = cls.env["client.base.analysis.run"]
        run = Run.create(
            {
                **Run._default_values_for(company),
                "date_from": month(0).date(),
                "date_to": month(11).date(),
            }
        )
        run.action_run()
        return run

    def _score(self, partner, criterion, score, user=None):
        Score = self.env["client.base.strategic.score"]
        return (
            Score.with_user(user or self.manager)
            .with_company(self.matrix_co)
            .create(
                {
                    "partner_id": partner.id,
                    "criterion_id": criterion.id,
                    "score": score,
                }
            )
        )

    def _score_all(self):
        for partner, growth, fit in (
            (self.xylo, 5, 1),
            (self.yarrow, 2, 4),
            (self.zinnia, 3, 3),
        ):
            self._score(partner, self.growth, growth)
            self._score(partner, self.fit, fit)

    def _cells(self, user=None):
        self.env.flush_all()
        Matrix = self.env["client.base.strategic.matrix"]
        Matrix = Matrix.with_user(user or self.manager).with_company(self.matrix_co)
        return {
            cell.partner_id: cell
            for cell in Matrix.search([("company_id", "=", self.matrix_co.id)])
        }

    def test_scores_levels_and_priorities(self):
        self._score_all()
        cells = self._cells()
        expected = {
            self.xylo: (75.0, "high", "C", "2"),
            self.yarrow: (37.5, "low", "A", "3"),
            self.zinnia: (50.0, "medium", "B", "2"),
        }
        for partner, values in expected.items():
            cell = cells[partner]
            self.assertEqual(
                (
                    round(cell.strategic_score, 2),
                    cell.strategic_level,
                    cell.abc_class,
                    cell.priority,
                ),
                values,
                partner.name,
            )
        Partner = self.env["res.partner"].with_company(self.matrix_co)
        self.assertEqual(
            Partner.search([("client_priority", "=", "2")]), self.xylo | self.zinnia
        )
        unassessed = Partner.search(
            [("client_strategic_level", "=", False), ("name", "=like", "Matrix%")]
        )
        self.assertEqual(unassessed, self.matrix_co.partner_id)
        self.assertEqual(Partner.browse(self.xylo.id).client_strategic_level, "high")

    def test_matrix_cells_by_class_and_level(self):
        self._score_all()
        self.env.flush_all()
        groups = (
            self.env["client.base.strategic.matrix"]
            .with_company(self.matrix_co)
            ._read_group(
                [("company_id", "=", self.matrix_co.id)],
                ["abc_class", "strategic_level"],
                ["client_count:sum"],
            )
        )
        self.assertEqual(
            sorted(groups), [("A", "low", 1), ("B", "medium", 1), ("C", "high", 1)]
        )

    def test_levels_grouped_high_to_low_then_unassessed(self):
        """Groups follow the scale, High, Medium, Low, then the clients not
        assessed; not the alphabetical order of their keys (high, low,
        medium)."""
        self._score_all()
        Matrix = self.env["client.base.strategic.matrix"].with_company(self.matrix_co)

        def levels():
            self.env.flush_all()
            return [
                level
                for level, _count in Matrix._read_group(
                    [("company_id", "=", self.matrix_co.id)],
                    ["strategic_level"],
                    ["client_count:sum"],
                )
            ]

        self.assertEqual(levels(), ["high", "medium", "low"])
        self.env["client.base.strategic.score"].search(
            [("partner_id", "=", self.zinnia.id)]
        ).unlink()
        self.assertEqual(levels()[-1], False, "Zinnia, not assessed, comes last")

    def test_levels_follow_the_company_settings(self):
        self._score_all()
        self.matrix_co.client_strategic_high = 80
        self.assertEqual(self._cells()[self.xylo].strategic_level, "medium")
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.matrix_co.client_strategic_medium = 90

    def test_both_levels_lowered_in_the_settings(self):
        """70/40 to 35/20 at once: each alone would cross the other."""
        settings = (
            self.env["res.config.settings"]
            .with_company(self.matrix_co)
            .create({"client_strategic_high": 35, "client_strategic_medium": 20})
        )
        settings.execute()
        self.assertEqual(
            (
                self.matrix_co.client_strategic_high,
                self.matrix_co.client_strategic_medium,
            ),
            (35, 20),
        )

    def test_unscored_client_has_a_class_but_no_level(self):
        cell = self._cells()[self.zinnia]
        self.assertEqual((cell.abc_class, cell.strategic_level), ("B", False))
        self.assertFalse(cell.priority)

    def test_bad_input_refused_without_partial_writes(self):
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.growth.weight = 0
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self._score(self.xylo, self.growth, 6)
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self._score(self.xylo, self.growth, 0)
        self._score(self.xylo, self.growth, 4)
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.env["client.base.strategic.score"].with_company(self.matrix_co).create(
                [
                    {"partner_id": self.zinnia.id, "criterion_id": self.fit.id},
                    {"partner_id": self.xylo.id, "criterion_id": self.growth.id},
                ]
            )
        scores = self.env["client.base.strategic.score"].search(
            [("company_id", "=", self.matrix_co.id)]
        )
        self.assertEqual(len(scores), 1, "The batch with a duplicate left nothing")
        self.assertEqual(self.growth.weight, 3)

    def test_salesperson_scores_own_clients_only(self):
        score = self._score(self.xylo, self.growth, 4, user=self.user)
        self.assertEqual(score.user_id, self.user)
        contact = self.env["res.partner"].create(
            {"name": "Xylo Buyer", "parent_id": self.xylo.id}
        )
        self._score(contact, self.fit, 2, user=self.user)
        self.assertEqual(
            self.xylo.with_company(self.matrix_co).client_strategic_score_ids.mapped(
                "score"
            ),
            [4, 2],
            "A contact's score is the client's",
        )
        with self.assertRaises(AccessError):
            self._score(self.yarrow, self.growth, 5, user=self.user)
        self._score(self.yarrow, self.growth, 5)
        self.assertEqual(set(self._cells(user=self.user)), {self.xylo, self.zinnia})
        self.assertIn(self.yarrow, self._cells())
        # nor through the client's own fields and filters
        yarrow = self.yarrow.with_user(self.user).with_company(self.matrix_co)
        self.assertFalse(yarrow.client_strategic_level)
        self.assertEqual(yarrow.with_user(self.manager).client_strategic_level, "high")
        Partner = self.env["res.partner"].with_user(self.user)
        Partner = Partner.with_company(self.matrix_co)
        self.assertNotIn(
            self.yarrow, Partner.search([("client_strategic_level", "=", "high")])
        )

    def test_criteria_edited_by_managers(self):
        with self.assertRaises(AccessError):
            self.growth.with_user(self.user).weight = 5
        self.growth.with_user(self.manager).weight = 5
        self.assertEqual(self.growth.weight, 5)
