"""The demo story at a small scale: deterministic, historic, shaped like a real base."""

from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL

TODAY = date(2026, 6, 15)


@tagged("post_install", "-at_install")
class TestDemoStory(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.story = cls.env["client.base.demo.story"]
        cls.counts = cls.story._generate(scale=0.5, seed=11, today=TODAY)
        cls.stats = cls._client_stats()

    @classmethod
    def _client_stats(cls):
        """Per story client (by ref): confirmed orders, first/last order, revenue."""
        cls.env.cr.execute(
            SQL(
                """
            SELECT c.ref, c.id, COUNT(so.id), MIN(so.date_order), MAX(so.date_order),
                   COALESCE(SUM(so.amount_untaxed), 0)
              FROM res_partner c
              LEFT JOIN res_partner p ON p.commercial_partner_id = c.id
              LEFT JOIN sale_order so ON so.partner_id = p.id AND so.state = 'sale'
             WHERE c.ref LIKE 'CB%%' AND c.parent_id IS NULL
             GROUP BY c.ref, c.id
             ORDER BY c.ref, c.id
            """
            )
        )
        return cls.env.cr.fetchall()

    def test_size_and_salespeople(self):
        self.assertEqual(self.counts["clients"], 150)
        self.assertEqual(len(self.stats), 150)
        clients = self.env["res.partner"].browse([row[1] for row in self.stats])
        self.assertEqual(len(clients.user_id), 2, "Two salespeople share the base")
        self.assertTrue(any(clients.mapped("is_company")))
        self.assertFalse(all(clients.mapped("is_company")), "Persons buy too (retail)")

    def test_same_seed_same_story(self):
        self.story._generate(scale=0.5, seed=11, today=TODAY)
        by_ref = {}
        for ref, _id, orders, _first, _last, revenue in self._client_stats():
            by_ref.setdefault(ref, []).append((orders, revenue))
        self.assertEqual(len(by_ref), 150)
        for ref, runs in by_ref.items():
            self.assertEqual(len(runs), 2)
            self.assertEqual(
                runs[0], runs[1], f"{ref} differs between two runs of one seed"
            )

    def test_orders_keep_historic_dates(self):
        firsts = [row[3] for row in self.stats if row[3]]
        lasts = [row[4] for row in self.stats if row[4]]
        self.assertGreaterEqual(min(firsts), datetime(2023, 6, 1))
        self.assertLess(min(firsts), datetime(2024, 1, 1), "Three years of history")
        self.assertLess(
            max(lasts), datetime.combine(TODAY + timedelta(days=1), datetime.min.time())
        )

    def test_story_has_every_kind_of_client(self):
        today = datetime.combine(TODAY, datetime.min.time())
        kinds = {"prospect": 0, "one_off": 0, "regular": 0, "stopped": 0, "new": 0}
        for _ref, _id, orders, first, last, _revenue in self.stats:
            if not orders:
                kinds["prospect"] += 1
                continue
            if orders == 1 and (today - first).days > 90:
                kinds["one_off"] += 1
            if orders >= 12 and (today - last).days < 60:
                kinds["regular"] += 1
            if orders >= 3 and 180 <= (today - last).days <= 560:
                kinds["stopped"] += 1
            if (today - first).days <= 90:
                kinds["new"] += 1
        for kind, count in kinds.items():
            self.assertGreaterEqual(
                count, 3, f"the story has too few {kind} clients: {kinds}"
            )

    def test_revenue_is_pareto_like(self):
        revenues = sorted((row[5] for row in self.stats if row[5] > 0), reverse=True)
        top = revenues[: len(revenues) // 5]
        share = float(sum(top) / sum(revenues))
        self.assertGreater(share, 0.6)
        self.assertLess(share, 0.95)

    def test_contacts_orders_roll_up_and_reports_agree(self):
        self.env.cr.execute(
            SQL(
                """
            SELECT COUNT(*) FROM sale_order so JOIN res_partner p
                ON p.id = so.partner_id
             WHERE p.parent_id IS NOT NULL AND p.ref IS NULL AND so.state = 'sale'
            """
            )
        )
        self.assertGreater(
            self.env.cr.fetchone()[0], 0, "Some orders come from contacts"
        )
        clients = [row[1] for row in self.stats]
        groups = self.env["sale.report"]._read_group(
            [("state", "=", "sale"), ("commercial_partner_id", "in", clients)],
            [],
            ["price_subtotal:sum"],
        )
        self.assertAlmostEqual(
            groups[0][0], float(sum(row[5] for row in self.stats)), places=2
        )


@tagged("post_install", "-at_install")
class TestDemoStoryStatuses(TransactionCase):
    """The story's statuses and history: every status, real moves, reasons found."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["client.base.churn.reason"].create(
            [{"name": name} for name in ("Price", "Service", "Moved to a competitor")]
        )
        story = cls.env["client.base.demo.story"]
        story._generate(scale=0.5, seed=11, today=TODAY)
        story._demo_statuses_and_churn(seed=11, today=TODAY)
        cls.clients = cls.env["res.partner"].search(
            [("ref", "=like", "CB%"), ("parent_id", "=", False)]
        )

    def test_every_status_is_in_the_story(self):
        statuses = set(self.clients.mapped("client_status"))
        self.assertEqual(
            statuses, {"potential", "new", "regular", "occasional", "dormant", "lost"}
        )

    def test_history_covers_this_year_and_the_one_before(self):
        """The dashboards set a period against the same one a year earlier:
        clients go silent and come back in both years."""
        History = self.env["client.base.status.history"]
        year_ago = TODAY - relativedelta(years=1)
        for start, end in (
            (year_ago - relativedelta(years=1), year_ago),
            (year_ago, TODAY),
        ):
            with self.subTest(start=start):
                causes = {
                    cause
                    for (cause,) in History._read_group(
                        [
                            ("partner_id", "in", self.clients.ids),
                            ("date", ">=", start),
                            ("date", "<", end),
                            ("cause", "in", ("silence", "order", "won_back")),
                        ],
                        ["cause"],
                    )
                }
                self.assertEqual(causes, {"silence", "order", "won_back"})

    def test_history_tells_moves(self):
        History = self.env["client.base.status.history"]
        moves = dict(
            History._read_group(
                [("partner_id", "in", self.clients.ids)], ["cause"], ["__count"]
            )
        )
        for cause in ("initial", "silence", "order", "won_back", "manual"):
            self.assertGreater(
                moves.get(cause, 0), 0, f"no '{cause}' event in the story"
            )
        self.assertTrue(
            History.search_count(
                [
                    ("partner_id", "in", self.clients.ids),
                    ("status_from", "=", "regular"),
                    ("status_to", "=", "dormant"),
                ]
            ),
            "Some regulars went dormant during the year",
        )

    def _assert_xyz_separates_the_rhythms(self, run):
        """With the default limits, clients buying every month are X, those
        coming back in a few months of the year (the seasons) Y, those buying
        in one month only Z; no class holds more than 70% of the classified."""
        start, end = run._xyz_window()
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """SELECT line.xyz_class,
                          (SELECT COUNT(DISTINCT date_trunc('month', day.day))
                             FROM client_base_purchase_day day
                            WHERE day.partner_id = line.partner_id
                              AND day.company_id = %s AND day.amount > 0
                              AND day.day BETWEEN %s AND %s)
                     FROM client_base_analysis_line line
                    WHERE line.run_id = %s AND line.xyz_class IS NOT NULL""",
                run.company_id.id,
                start,
                end,
                run.id,
            )
        )
        rows = self.env.cr.fetchall()
        by_months = {}
        for xyz, months in rows:
            by_months.setdefault(months, []).append(xyz)
        self.assertEqual(set(by_months.get(12, [])), {"X"}, "Every month")
        self.assertEqual(set(by_months.get(1, [])), {"Z"}, "One month a year")
        few = [xyz for months in range(3, 10) for xyz in by_months.get(months, [])]
        self.assertGreater(few.count("Y"), 0.9 * len(few), "A few months a year")
        for xyz in "XYZ":
            share = sum(1 for row in rows if row[0] == xyz) / len(rows)
            self.assertLessEqual(share, 0.7, xyz)

    def test_lost_clients_have_reasons(self):
        lost = self.clients.filtered(lambda client: client.client_status == "lost")
        self.assertTrue(
            lost.client_churn_reason_id.filtered(lambda reason: not reason.is_system)
        )
        self.assertFalse(
            lost.filtered(lambda client: not client.client_churn_reason_id)
        )

    def test_analysis_of_the_story(self):
        """The story analysed twice: a Pareto-shaped matrix, several segments
        and clients moving between classes."""
        Run = self.env["client.base.analysis.run"]
        Run.search([]).write({"active": False})
        with freeze_time(TODAY):
            Run._demo_analyses()
        earlier, latest = Run.search([("state", "=", "done")], order="date_to")
        lines = latest.line_ids
        self.assertEqual(set(lines.mapped("abc_class")), {"A", "B", "C"})
        share_a = len(lines.filtered(lambda line: line.abc_class == "A")) / len(lines)
        self.assertLess(share_a, 0.5, "Few clients bring most of the revenue")
        self.assertGreaterEqual(len(set(lines.mapped("rfm_segment"))), 4)
        self._assert_xyz_separates_the_rhythms(latest)
        movements = self.env["client.base.analysis.migration"].search(
            [("run_id", "=", latest.id)]
        )
        self.assertEqual(movements.previous_run_id, earlier)
        self.assertIn("same", movements.mapped("movement"))
        self.assertTrue(
            {"up", "down", "new", "dropped"} & set(movements.mapped("movement"))
        )


@tagged("post_install", "-at_install")
class TestDemoStoryLanguages(TransactionCase):
    """With Russian and Romanian installed (make demo), the salespeople work in
    them and each client reads its country's language, its people too."""

    def test_languages_of_people_and_clients(self):
        for lang in ("ru_RU", "ro_RO"):
            self.env["res.lang"]._activate_lang(lang)
        self.env["client.base.demo.story"]._generate(scale=0.2, seed=5, today=TODAY)
        users = self.env["res.users"].search(
            [("login", "in", ["ana.popescu", "ivan.petrov"])]
        )
        self.assertEqual(
            {user.login: user.lang for user in users},
            {"ana.popescu": "ro_RO", "ivan.petrov": "ru_RU"},
        )
        story = self.env["res.partner"].search([("ref", "=like", "CB%")])
        expected = {"MD": "ro_RO", "RO": "ro_RO", "RU": "ru_RU"}
        self.assertEqual(
            {(c.country_id.code, c.lang) for c in story},
            {(code, expected[code]) for code in story.country_id.mapped("code")},
        )
        people = self.env["res.partner"].search([("parent_id", "in", story.ids)])
        self.assertTrue(people)
        for person in people:
            self.assertEqual(person.lang, person.parent_id.lang)
