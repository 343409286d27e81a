from odoo.exceptions import AccessError
from odoo.fields import Command
from odoo.tests import new_test_user, tagged

from .common import AnalysisCase, month


@tagged("post_install", "-at_install")
class TestAccessRules(AnalysisCase):
    """One key everywhere: a salesperson sees the analyses of the clients
    whose salesperson they are and of clients without one; the "All
    Documents" right sees every client of the company.

    - Ash: Alice's client, its order taken by Bob
    - Beech: Bob's client, its order taken by Alice
    - Fir: no salesperson, its order taken by Bob
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.acl_co = cls.env["res.company"].create({"name": "Access Mill"})

        def salesperson(login, groups="client_base.group_client_base_user"):
            return new_test_user(
                cls.env,
                login=login,
                groups=groups,
                company_id=cls.acl_co.id,
                company_ids=[Command.set(cls.acl_co.ids)],
            )

        cls.alice = salesperson("cba_acl_alice")
        cls.bob = salesperson("cba_acl_bob")
        cls.all_docs = salesperson(
            "cba_acl_all_docs",
            "client_base.group_client_base_user,"
            "sales_team.group_sale_salesman_all_leads",
        )
        Partner = cls.env["res.partner"]
        cls.ash, cls.beech, cls.fir = Partner.create(
            [
                {"name": "Ash", "is_company": True, "user_id": cls.alice.id},
                {"name": "Beech", "is_company": True, "user_id": cls.bob.id},
                {"name": "Fir", "is_company": True},
            ]
        )
        cls.clients = cls.ash | cls.beech | cls.fir
        cls.orders = {}
        for client, seller in (
            (cls.ash, cls.bob),
            (cls.beech, cls.alice),
            (cls.fir, cls.bob),
        ):
            for index in (1, 2):
                order = cls._order(client, month(index), 1000, company=cls.acl_co)
                order.user_id = seller
                cls.orders[client] = order
        Run = cls.env["client.base.analysis.run"]
        cls.analysis = Run.create(
            {
                **Run._default_values_for(cls.acl_co),
                "date_from": month(0).date(),
                "date_to": month(11).date(),
            }
        )
        cls.analysis.action_run()
        cls.criterion = cls.env["client.base.strategic.criterion"].create(
            {"name": "Growth potential", "company_id": cls.acl_co.id}
        )
        cls.fit = cls.env["client.base.strategic.criterion"].create(
            {"name": "Strategic fit", "company_id": cls.acl_co.id}
        )
        cls.scores = cls.env["client.base.strategic.score"].create(
            [
                {"partner_id": client.id, "criterion_id": cls.criterion.id}
                for client in cls.clients
            ]
        )
        # the worklist: an overdue contact each, a low feedback call on each
        # client's order, all of them Alice's to make
        for client in cls.clients:
            client.with_company(cls.acl_co).client_next_contact_date = month(3)
            cls.orders[client].activity_schedule(
                "client_base.mail_activity_type_low_feedback",
                user_id=cls.alice.id,
            )

    def _partners(self, model, user):
        self.env.flush_all()
        records = (
            self.env[model]
            .with_user(user)
            .search([("partner_id", "in", self.clients.ids)])
        )
        return records.partner_id

    def _assert_scope(self, model):
        with self.subTest(model=model):
            self.assertEqual(
                self._partners(model, self.alice),
                self.ash | self.fir,
                "Her own client and the one without salesperson, not Bob's",
            )
            self.assertEqual(self._partners(model, self.bob), self.beech | self.fir)
            self.assertEqual(self._partners(model, self.all_docs), self.clients)

    def test_analysis_lines_and_migrations(self):
        self._assert_scope("client.base.analysis.line")
        self._assert_scope("client.base.analysis.migration")
        line = self.analysis.line_ids.filtered(
            lambda line: line.partner_id == self.beech
        )
        with self.assertRaises(AccessError):
            line.with_user(self.alice).read(["revenue"])

    def test_classes_are_for_client_base_users(self):
        employee = new_test_user(
            self.env, login="cba_acl_employee", groups="base.group_user"
        )
        with self.assertRaises(AccessError):
            self.beech.with_user(employee).read(["client_abc_class"])
        self.assertIn(self.ash.with_user(self.alice).client_abc_class, ("A", "B", "C"))

    def test_a_colleagues_classes_read_filter_and_group_as_empty(self):
        Partner = self.env["res.partner"].with_company(self.acl_co)
        beech_class = self.beech.with_company(self.acl_co).client_abc_class
        self.assertTrue(beech_class)
        alice = Partner.with_user(self.alice)
        domain = [("id", "in", self.clients.ids)]
        self.assertFalse(
            alice.browse(self.beech.id).read(["client_abc_class"])[0][
                "client_abc_class"
            ]
        )
        for fname in ("client_abc_class", "client_rfm_segment", "client_abc_xyz_class"):
            with self.subTest(fname=fname):
                value = self.beech.with_company(self.acl_co)[fname]
                self.assertNotIn(
                    self.beech, alice.search(domain + [(fname, "=", value)])
                )
                self.assertIn(self.beech, alice.search(domain + [(fname, "=", False)]))
                groups = dict(
                    alice._read_group(
                        domain + [("id", "=", self.beech.id)], [fname], ["__count"]
                    )
                )
                self.assertEqual(groups, {False: 1})
        self.assertIn(
            self.beech,
            Partner.with_user(self.all_docs).search(
                domain + [("client_abc_class", "=", beech_class)]
            ),
        )

    def test_the_top_client_is_named_to_who_may_see_it(self):
        top = self.analysis.line_ids.filtered(lambda line: line.rank == 1).partner_id
        owner = self.alice if top.user_id == self.alice else self.bob
        other = self.bob if owner == self.alice else self.alice
        share = self.analysis.top_client_share
        for user, expected in (
            (owner, top),
            (self.all_docs, top),
            (other, top.browse()),
        ):
            run = self.analysis.with_user(user)
            with self.subTest(user=user.login):
                self.assertEqual(run.top_client_id, expected)
                self.assertEqual(run.top_client_share, share)

    def test_purchase_rhythm_follows_the_clients_salesperson(self):
        """Who took the order does not matter: Alice reads Ash's order taken
        by Bob, not Beech's she took herself."""
        self._assert_scope("client.base.purchase.rhythm")

    def test_strategic_scores_and_matrix(self):
        self._assert_scope("client.base.strategic.score")
        self._assert_scope("client.base.strategic.matrix")

    def test_base_health(self):
        for model in (
            "client.base.health.repeat",
            "client.base.health.churn",
            "client.base.health.cohort",
            "client.base.health.acquisition",
        ):
            self._assert_scope(model)

    def test_worklist(self):
        """Alice's call on Bob's client is Bob's client's business."""
        self.env.flush_all()
        lines = (
            self.env["client.base.worklist"]
            .with_user(self.alice)
            .search([("partner_id", "in", self.clients.ids)])
        )
        todo = {(line.partner_id, line.kind) for line in lines}
        self.assertLessEqual(
            {(self.ash, "contact"), (self.ash, "feedback"), (self.fir, "feedback")},
            todo,
        )
        self.assertNotIn(self.beech, lines.partner_id)

    def test_salesperson_scores_own_and_unassigned_clients(self):
        Score = self.env["client.base.strategic.score"].with_user(self.alice)
        for client in (self.ash, self.fir):
            score = Score.create(
                {"partner_id": client.id, "criterion_id": self.fit.id, "score": 4}
            )
            self.assertEqual(score.user_id, self.alice)
        with self.assertRaises(AccessError), self.cr.savepoint():
            Score.create({"partner_id": self.beech.id, "criterion_id": self.fit.id})

    def test_scored_by_cannot_be_forged(self):
        Score = self.env["client.base.strategic.score"].with_user(self.alice)
        score = Score.create(
            {
                "partner_id": self.ash.id,
                "criterion_id": self.fit.id,
                "score": 2,
                "user_id": self.bob.id,
            }
        )
        self.assertEqual(score.user_id, self.alice, "The author is who scored")
        score.write({"user_id": self.bob.id})
        self.assertEqual(score.user_id, self.alice)
        score.write({"note": "Opens a second plant", "user_id": self.bob.id})
        self.assertEqual(score.user_id, self.alice)
        score.with_user(self.all_docs).write({"score": 5, "user_id": self.alice.id})
        self.assertEqual(score.user_id, self.all_docs, "Managers score as themselves")

    def test_score_not_moved_to_a_colleagues_client(self):
        score = (
            self.env["client.base.strategic.score"]
            .with_user(self.alice)
            .create({"partner_id": self.ash.id, "criterion_id": self.fit.id})
        )
        with (
            self.assertRaisesRegex(
                AccessError, "cannot move a strategic score to Beech"
            ),
            self.cr.savepoint(),
        ):
            score.write({"partner_id": self.beech.id})
        contact = self.env["res.partner"].create(
            {"name": "Beech Buyer", "parent_id": self.beech.id}
        )
        with self.assertRaises(AccessError), self.cr.savepoint():
            score.write({"partner_id": contact.id})
        self.assertEqual(score.partner_id, self.ash)
        score.write({"partner_id": self.fir.id})
        self.assertEqual(score.partner_id, self.fir, "Unassigned clients are open")
        score.with_user(self.all_docs).write({"partner_id": self.beech.id})
        self.assertEqual(score.partner_id, self.beech)
