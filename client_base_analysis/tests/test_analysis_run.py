from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command
from odoo.tests import new_test_user, tagged
from odoo.tools import SQL

from .common import PERIOD, AnalysisCase, month


@tagged("post_install", "-at_install")
@freeze_time("2026-06-15")
class TestAnalysisRun(AnalysisCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.a1, cls.c2, cls.c3, cls.c4, cls.c5, cls.c6 = Partner.create(
            [
                {"name": name, "is_company": True}
                for name in ("A1", "C2", "C3", "C4", "C5", "C6")
            ]
        )
        cls.a1_buyer = Partner.create({"name": "A1 buyer", "parent_id": cls.a1.id})
        for index in range(12):  # 1000 every month, half through a contact
            cls._order(cls.a1_buyer if index % 2 else cls.a1, month(index), 1000)
        for index in range(0, 12, 2):  # 1000 every other month: irregular
            cls._order(cls.c2, month(index), 1000)
        for index in range(12):  # 120 and 80 in turn: fairly regular
            cls._order(cls.c3, month(index), 120 if index % 2 else 80)
        cls._order(cls.c4, month(11, 20), 600)
        cls._order(cls.c5, month(3), 200)
        cls._order(cls.c6, month(4), 200)
        zero = Partner.create({"name": "Cancelled only", "is_company": True})
        cls._order(zero, month(5), 900)._action_cancel()
        other = cls.env["res.company"].create({"name": "Other Company"})
        cls._order(cls.c2, month(6), 50000, company=other)

    def test_abc_by_cumulative_share_of_the_clients_above(self):
        lines = self._lines(self._run())
        # revenue 12000, 6000, 1200, 600, 200, 200 of 20200
        self.assertEqual(lines[self.a1].revenue, 12000)
        self.assertEqual(
            [lines[p].rank for p in (self.a1, self.c2, self.c3)], [1, 2, 3]
        )
        self.assertAlmostEqual(lines[self.a1].share, 100 * 12000 / 20200, places=4)
        self.assertAlmostEqual(
            lines[self.c2].cumulative_share, 100 * 18000 / 20200, places=4
        )
        # above C2: 59.4% -> A; above C3: 89.1% -> B; above C4: 95.0% -> C
        self.assertEqual(
            [lines[p].abc_class for p in (self.a1, self.c2, self.c3, self.c4, self.c5)],
            ["A", "A", "B", "C", "C"],
        )

    def test_boundary_is_strictly_below(self):
        """80/15/5: the second client has exactly 80% above it, so it is B."""
        company = self.env["res.company"].create({"name": "Boundary Company"})
        clients = self.env["res.partner"].create(
            [{"name": f"Boundary {n}", "is_company": True} for n in range(3)]
        )
        for client, amount in zip(clients, (800, 150, 50), strict=True):
            self._order(client, month(2), amount, company=company)
        Run = self.env["client.base.analysis.run"].with_company(company)
        run = Run.create({**Run._default_values_for(company), **PERIOD})
        run.action_run()
        self.assertEqual(
            run.line_ids.sorted("rank").mapped("abc_class"), ["A", "B", "C"]
        )

    def test_ties_are_ranked_by_id(self):
        lines = self._lines(self._run())
        self.assertEqual((lines[self.c5].rank, lines[self.c6].rank), (5, 6))

    def test_excluded_orders(self):
        run = self._run()
        partners = run.line_ids.partner_id
        self.assertNotIn(self.a1_buyer, partners, "Contacts roll up to their company")
        self.assertEqual(len(partners), 6, "No line for zero revenue")
        self.assertEqual(
            self._lines(run)[self.c2].revenue, 6000, "Other companies excluded"
        )

    def test_xyz_by_variation_of_monthly_revenue(self):
        lines = self._lines(self._run(xyz_x=10, xyz_y=25))
        self.assertAlmostEqual(lines[self.a1].variation, 0, places=6)
        self.assertAlmostEqual(lines[self.c3].variation, 20, places=6)
        self.assertAlmostEqual(lines[self.c2].variation, 100, places=6)
        self.assertEqual(
            [lines[p].xyz_class for p in (self.a1, self.c3, self.c2, self.c4)],
            ["X", "Y", "Z", "Z"],
        )
        self.assertEqual(lines[self.a1].abc_xyz_class, "AX")
        self.assertEqual(lines[self.c3].abc_xyz_class, "BY")

    def test_default_xyz_limits_separate_steady_seasonal_and_one_off_clients(self):
        """The client limits: buying in half of the months or more is X, coming
        back in two seasons is Y, one burst a year is Z."""
        Partner = self.env["res.partner"]
        seasonal, burst = Partner.create(
            [{"name": "Spring and Autumn", "is_company": True},
             {"name": "One Burst", "is_company": True}]
        )  # fmt: skip
        for index in (3, 4, 9, 10):  # September, October, March, April
            self._order(seasonal, month(index), 700)
        self._order(burst, month(7, 5), 900)
        self._order(burst, month(7, 25), 300)
        lines = self._lines(self._run())
        self.assertEqual(
            {p.name: lines[p].xyz_class
             for p in (self.a1, self.c3, self.c2, seasonal, burst, self.c4)},
            {"A1": "X", "C3": "X", "C2": "X", "Spring and Autumn": "Y",
             "One Burst": "Z", "C4": "Z"},
        )  # fmt: skip

    def test_settings_show_the_xyz_classes_the_limits_give(self):
        """The settings page classes the latest analysis' clients by the limits
        as they are typed, before they are saved."""
        self._run()
        Settings = self.env["res.config.settings"]
        self.assertEqual(
            Settings.create({}).client_xyz_distribution,
            "Clients in X: 3 (50%), Y: 0 (0%), Z: 3 (50%), over the 12 months to "
            "05/31/2026",
        )
        typed = Settings.new({"client_xyz_x": 10, "client_xyz_y": 25})
        self.assertTrue(
            typed.client_xyz_distribution.startswith(
                "Clients in X: 1 (17%), Y: 1 (17%), Z: 4 (67%)"
            )
        )
        self.assertEqual(self.company.client_xyz_x, 100, "Nothing saved")

    def test_foreign_currency_at_the_orders_rate(self):
        order = self._order(self.c5, month(8), 100)
        self.env.flush_all()
        self.env.cr.execute(
            SQL("UPDATE sale_order SET currency_rate = 0.5 WHERE id = %s", order.id)
        )
        self.env.invalidate_all()
        self.assertEqual(self._lines(self._run())[self.c5].revenue, 400)

    def test_rfm_scores_and_segments(self):
        lines = self._lines(self._run())
        # frequency: C4, C5, C6 one order; C2 6; A1, C3 12 -> cumulative distribution
        self.assertEqual(
            [lines[p].f_score for p in (self.c4, self.c2, self.a1, self.c3)],
            [3, 4, 5, 5],
        )
        # recency: C4 last bought May 20 (11 days), the monthly ones May 10 (21)
        self.assertEqual(lines[self.c4].recency, 11)
        self.assertEqual(lines[self.a1].recency, 21)
        # by recency, latest last: C5 263 d, C6 233, C2 51, A1 and C3 21, C4 11
        self.assertEqual(
            [lines[p].r_score for p in (self.c5, self.c6, self.c2, self.c4)],
            [1, 2, 3, 5],
        )
        self.assertEqual(lines[self.a1].r_score, 5, "5 x 5/6 rounds up to 5")
        self.assertEqual(lines[self.a1].r_score, lines[self.c3].r_score, "Equal values")
        self.assertEqual(
            [lines[p].m_score for p in (self.c5, self.c6, self.c4, self.c3, self.a1)],
            [2, 2, 3, 4, 5],
        )
        self.assertEqual(lines[self.a1].rfm_segment, "champions")
        # a single order is F 3 here: half of the clients bought once
        self.assertEqual(lines[self.c5].rfm_segment, "at_risk")
        self.assertEqual(lines[self.c4].rfm_segment, "potential_loyalists")

    def test_marking_a_large_client_lost_names_its_class_and_share(self):
        self._run()
        wizard = (
            self.env["client.base.mark.lost"]
            .with_user(self.manager)
            .new({"partner_ids": [Command.set((self.a1 | self.c3 | self.c4).ids)]})
        )
        # the last 12 months to 15 June: June 2025's orders are out, 18120 in all
        self.assertIn("A1, class AX, brought 60.7%", wizard.warning)
        self.assertIn(
            f"C3, class {self.c3.client_abc_xyz_class}, brought 6.2%", wizard.warning
        )
        self.assertNotIn("C4", wizard.warning, "3.3% of the revenue, class C")
        self.assertLess(wizard.warning.index("A1"), wizard.warning.index("C3"))

    def test_classes_on_the_client_follow_the_latest_run(self):
        self._run()
        self.assertEqual(self.a1.client_abc_xyz_class, "AX")
        self.assertEqual(self.a1.client_rfm_segment, "champions")
        older = self._run(date_from=date(2025, 1, 1), date_to=date(2025, 12, 31))
        self.assertTrue(older.line_ids)
        self.assertEqual(
            self.a1.client_abc_xyz_class, "AX", "An older period changes nothing"
        )
        self.assertEqual(self.c5.client_abc_class, "C")
        latest = self._run(date_from=date(2025, 10, 1), date_to=date(2026, 6, 14))
        self.assertFalse(self.c5.client_abc_class, "C5 bought in September only")
        # 600 of 13,600 with 94.1% above it: C4 moves up to B
        self.assertEqual(self.c4.client_abc_class, "B")
        latest.action_archive()
        self.assertEqual(self.c5.client_abc_class, "C", "Back to the run before")
        self.assertFalse(
            self.c5.with_company(
                self.env["res.company"].create({"name": "Else"})
            ).client_abc_class,
            "Classes are per company",
        )

    def test_classes_are_searchable_and_groupable_on_clients(self):
        self._run()
        Partner = self.env["res.partner"].with_user(self.user)
        clients = self.a1 | self.c2 | self.c3 | self.c4 | self.c5 | self.c6
        domain = [("id", "in", (clients | self.a1_buyer).ids)]
        self.assertEqual(
            Partner.search([*domain, ("client_abc_class", "=", "A")]),
            self.a1 | self.c2,
        )
        self.assertEqual(
            Partner.search([*domain, ("client_abc_class", "in", ["B", "C"])]),
            self.c3 | self.c4 | self.c5 | self.c6,
        )
        self.assertEqual(
            Partner.search([*domain, ("client_abc_class", "!=", "A")]),
            self.c3 | self.c4 | self.c5 | self.c6 | self.a1_buyer,
        )
        self.assertEqual(
            Partner.search([*domain, ("client_abc_class", "=", False)]),
            self.a1_buyer,
            "A contact has no class of its own",
        )
        self.assertEqual(
            Partner.search([*domain, ("client_rfm_segment", "=", "champions")]),
            self.a1 | self.c3,
        )
        self.assertTrue(
            Partner.fields_get(["client_abc_class"], ["groupable"])["client_abc_class"][
                "groupable"
            ]
        )
        groups = dict(Partner._read_group(domain, ["client_abc_class"], ["__count"]))
        self.assertEqual(groups, {"A": 2, "B": 1, "C": 3, False: 1})
        # merged clients keep both lines in the snapshot, the survivor shows
        # the better-ranked class once
        self.env["base.partner.merge.automatic.wizard"]._merge(
            (self.c3 | self.c4).ids, self.c4
        )
        self.env.invalidate_all()
        self.assertEqual(self.c4.client_abc_class, "B")
        groups = dict(Partner._read_group(domain, ["client_abc_class"], ["__count"]))
        self.assertEqual(groups, {"A": 2, "B": 1, "C": 2, False: 1})

    def test_pareto_axis_and_latest_lines(self):
        run = self._run()
        self.assertEqual(
            run.line_ids.sorted("rank").mapped("client_percent"),
            [17, 34, 50, 67, 84, 100],
        )
        Line = self.env["client.base.analysis.line"].with_user(self.user)
        self.assertEqual(Line.search([("is_current", "=", True)]), run.line_ids)
        later = self._run(date_from=date(2025, 10, 1), date_to=date(2026, 6, 14))
        self.assertEqual(Line.search([("is_current", "=", True)]), later.line_ids)
        self.assertEqual(Line.search([("is_current", "=", False)]), run.line_ids)

    def test_class_migration_from_the_previous_run(self):
        first = self._run()
        second = self._run(date_from=date(2025, 10, 1), date_to=date(2026, 6, 14))
        self.assertEqual(second.previous_run_id, first)
        self.assertFalse(first.previous_run_id)
        Migration = self.env["client.base.analysis.migration"].with_user(self.user)
        groups = Migration._read_group(
            [("run_id", "=", second.id)], ["abc_from", "abc_to"], ["__count"]
        )
        self.assertEqual(
            {(before, after): count for before, after, count in groups},
            {("A", "A"): 2, ("B", "B"): 1, ("C", "B"): 1, ("C", "C"): 1,
             ("C", "none"): 1},
        )  # fmt: skip
        rows = {
            row.partner_id: row
            for row in Migration.search([("run_id", "=", second.id)])
        }
        self.assertEqual(rows[self.c4].movement, "up")
        self.assertEqual(rows[self.c5].movement, "dropped")
        self.assertEqual(rows[self.c5].revenue_from, 200)
        self.assertEqual(rows[self.c5].revenue_to, 0)
        self.assertTrue(all(row.is_current for row in rows.values()))
        self.assertEqual(
            rows[self.c4].action_open_client()["res_id"], self.c4.id, "Drill-down"
        )
        # the pivot's rows and columns say which side they are on
        labels = {
            fname: dict(Migration._fields[fname]._description_selection(self.env))
            for fname in ("abc_from", "abc_to", "segment_from")
        }
        self.assertEqual(labels["abc_from"]["A"], "Before: A")
        self.assertEqual(labels["abc_to"]["none"], "After: no class")
        self.assertEqual(labels["segment_from"]["champions"], "Before: Champions")

    def test_bad_parameters_are_refused(self):
        for values in (
            {"abc_a": 95, "abc_b": 80},
            {"abc_b": 120},
            {"xyz_x": 30, "xyz_y": 25},
            {"date_from": date(2026, 6, 1), "date_to": date(2026, 5, 1)},
            {"date_to": date(2026, 7, 1)},
        ):
            with self.subTest(values=values), self.assertRaises(ValidationError):
                self._run(**values)

    def test_snapshots_are_read_only_and_company_bound(self):
        run = self._run()
        with self.assertRaises(UserError):
            run.write({"abc_a": 70})
        run.write({"active": False})  # old snapshots can be archived
        self.assertEqual(len(run.with_user(self.user).line_ids), 6)
        with self.assertRaises(AccessError):
            self.env["client.base.analysis.run"].with_user(self.user).create(
                {
                    **self.env["client.base.analysis.run"]._default_values_for(
                        self.company
                    )
                }
            )
        with self.assertRaises(AccessError):
            self.env["client.base.analysis.line"].with_user(self.employee).search([])

    def test_other_companies_see_no_snapshot(self):
        run = self._run()
        self._run(date_from=date(2025, 10, 1), date_to=date(2026, 6, 14))
        Migration = self.env["client.base.analysis.migration"]
        self.assertTrue(Migration.with_user(self.user).search([]))
        other_company = self.env["res.company"].create({"name": "Elsewhere"})
        outsider = new_test_user(
            self.env,
            login="cba_run_outsider",
            groups="client_base.group_client_base_manager",
            company_id=other_company.id,
            company_ids=[Command.set(other_company.ids)],
        )
        for model, field in (
            ("client.base.analysis.run", "id"),
            ("client.base.analysis.line", "run_id"),
            ("client.base.analysis.migration", "run_id"),
        ):
            with self.subTest(model=model):
                domain = [(field, "=", run.id)]
                self.assertTrue(self.env[model].with_user(self.user).search(domain))
                self.assertFalse(self.env[model].with_user(outsider).search(domain))
        self.assertFalse(self.a1.with_user(outsider).client_abc_class)
        self.assertTrue(self.a1.with_user(self.user).client_abc_class)

    def test_query_count_does_not_grow_with_clients(self):
        self._run()  # warm the caches
        counts = []
        for extra in (0, 10):
            for n in range(extra):
                client = self.env["res.partner"].create({"name": f"Extra {n}"})
                self._order(client, month(n), 100 + n)
            self.env.flush_all()
            before = self.env.cr.sql_log_count
            self._run()
            counts.append(self.env.cr.sql_log_count - before)
        self.assertEqual(counts[0], counts[1])

    def test_a_client_odoo_lets_delete_leaves_its_numbers(self):
        """Once its orders are gone, Odoo deletes a partner: its snapshot lines
        and status history stay, without the partner."""
        gone = self.env["res.partner"].create(
            {"name": "Gone Client", "is_company": True}
        )
        order = self._order(gone, month(7), 300)
        run = self._run()
        line = run.line_ids.filtered(lambda line: line.partner_id == gone)
        self.assertEqual(line.revenue, 300)
        history = self.env["client.base.status.history"].search(
            [("partner_id", "=", gone.id)]
        )
        self.assertTrue(history)
        order._action_cancel()
        order.unlink()
        gone.unlink()
        self.assertTrue(line.exists())
        self.assertFalse(line.partner_id)
        self.assertEqual(line.revenue, 300)
        self.assertTrue(history.exists())

    def test_privacy_finds_and_anonymises_the_clients_rows(self):
        person = self.env["res.partner"].create(
            {"name": "Private Buyer", "email": "private.buyer@example.com"}
        )
        self._order(person, month(8), 400)
        line = self._run().line_ids.filtered(lambda line: line.partner_id == person)
        criterion = self.env["client.base.strategic.criterion"].create(
            {"name": "Growth", "weight": 1}
        )
        score = self.env["client.base.strategic.score"].create(
            {
                "partner_id": person.id,
                "criterion_id": criterion.id,
                "score": 4,
                "note": "Opens a second shop in spring",
            }
        )
        wizard = (
            self.env["privacy.lookup.wizard"]
            .with_user(self.env.ref("base.user_admin"))
            .create({"name": person.name, "email": person.email})
        )
        wizard.action_lookup()
        found = {(found.res_model, found.res_id) for found in wizard.line_ids}
        self.assertIn((line._name, line.id), found)
        self.assertIn((score._name, score.id), found)
        manager = new_test_user(
            self.env,
            login="cba_privacy_manager",
            groups="client_base.group_client_base_manager",
        )
        self.env["client.base.privacy"].with_user(manager).create(
            {"partner_id": person.id}
        ).action_anonymise()
        self.assertFalse(score.note)
        self.assertEqual(score.score, 4)
        self.assertEqual(line.revenue, 400)
