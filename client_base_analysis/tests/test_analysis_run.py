from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Command
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import SQL

PERIOD = {"date_from": date(2025, 6, 1), "date_to": date(2026, 5, 31)}


def month(index, day=10):
    """The index-th month of the period (0 = June 2025), at day ``day``."""
    year, month_number = divmod(5 + index, 12)
    return datetime(2025 + year, month_number + 1, day, 10, 0)


@tagged("post_install", "-at_install")
@freeze_time("2026-06-15")
class TestAnalysisRun(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.manager = new_test_user(
            cls.env,
            login="cba_run_manager",
            groups="client_base.group_client_base_manager",
        )
        cls.user = new_test_user(
            cls.env, login="cba_run_user", groups="client_base.group_client_base_user"
        )
        cls.employee = new_test_user(
            cls.env, login="cba_run_employee", groups="base.group_user"
        )
        cls.product = cls.env["product.product"].create(
            {"name": "Goods", "taxes_id": []}
        )
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

    @classmethod
    def _order(cls, partner, when, amount, company=None):
        order = cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "company_id": (company or cls.company).id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": cls.product.id,
                            "product_uom_qty": 1,
                            "price_unit": amount,
                        }
                    )
                ],
            }
        )
        order.action_confirm()
        order.date_order = when
        return order

    def _run(self, **values):
        run = self.env["client.base.analysis.run"].with_user(self.manager).create(
            {**self.env["client.base.analysis.run"]._default_values_for(self.company),
             **PERIOD, **values}
        )  # fmt: skip
        run.action_run()
        return run

    def _lines(self, run):
        return {line.partner_id: line for line in run.line_ids}

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
        lines = self._lines(self._run())
        self.assertAlmostEqual(lines[self.a1].variation, 0, places=6)
        self.assertAlmostEqual(lines[self.c3].variation, 20, places=6)
        self.assertAlmostEqual(lines[self.c2].variation, 100, places=6)
        self.assertEqual(
            [lines[p].xyz_class for p in (self.a1, self.c3, self.c2, self.c4)],
            ["X", "Y", "Z", "Z"],
        )
        self.assertEqual(lines[self.a1].abc_xyz_class, "AX")
        self.assertEqual(lines[self.c3].abc_xyz_class, "BY")

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
        self._run(date_from=date(2025, 10, 1), date_to=date(2026, 6, 14))
        self.assertFalse(self.c5.client_abc_class, "C5 bought in September only")
        # 600 of 13,600 with 94.1% above it: C4 moves up to B
        self.assertEqual(self.c4.client_abc_class, "B")

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
