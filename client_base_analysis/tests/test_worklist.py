from datetime import timedelta

from odoo import fields
from odoo.fields import Command
from odoo.tests import new_test_user, tagged

from .common import AnalysisCase, month


@tagged("post_install", "-at_install")
class TestWorklist(AnalysisCase):
    """One client per kind of line for the salesperson ``user``, the largest
    (Oak, class A in the analysis) first; one overdue client of another
    salesperson."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env["res.partner"])
        cls.colleague = new_test_user(
            cls.env,
            login="cba_wl_colleague",
            groups="client_base.group_client_base_user",
        )
        Partner = cls.env["res.partner"]
        cls.oak, cls.willow, cls.fern, cls.rowan, cls.birch, cls.elm = Partner.create(
            [
                {"name": name, "is_company": True, "user_id": cls.user.id}
                for name in ("Oak", "Willow", "Fern", "Rowan", "Birch", "Elm")
            ]
        )
        cls.elm.user_id = cls.colleague
        # Oak: the biggest client, class A in the latest analysis
        cls._order(cls.oak, month(3), 10000)
        cls._order(cls.fern, month(4), 100)
        cls.env["client.base.analysis.run"].search([]).write({"active": False})
        Run = cls.env["client.base.analysis.run"]
        Run.create(
            {
                **Run._default_values_for(cls.company),
                "date_from": month(0).date(),
                "date_to": month(11).date(),
            }
        ).action_run()
        # contact overdue: Oak (ours) and Elm (the colleague's)
        for client in (cls.oak, cls.elm):
            client.with_company(cls.company).client_next_contact_date = (
                cls.today - timedelta(days=3)
            )
        # a win-back step due for Willow
        step_type = cls.env["mail.activity.type"].create(
            {"name": "Win-back call", "res_model": "res.partner"}
        )
        plan = cls.env["mail.activity.plan"].create(
            {
                "name": "Win back",
                "res_model": "res.partner",
                "template_ids": [
                    Command.create(
                        {
                            "activity_type_id": step_type.id,
                            "responsible_type": "on_demand",
                        }
                    )
                ],
            }
        )
        cls.company.client_base_winback_plan_id = plan
        cls.env["client.base.status.history"].create(
            {
                "partner_id": cls.willow.id,
                "company_id": cls.company.id,
                "status_from": "regular",
                "status_to": "dormant",
                "cause": "silence",
                "winback_plan_id": plan.id,
                "date": fields.Datetime.now() - timedelta(days=3),
            }
        )
        # an ordinary call of that type on another client is not a step
        cls.rowan.activity_schedule(
            activity_type_id=step_type.id,
            user_id=cls.user.id,
            date_deadline=cls.today - timedelta(days=1),
        )
        cls.willow.activity_schedule(
            activity_type_id=step_type.id,
            user_id=cls.user.id,
            date_deadline=cls.today - timedelta(days=1),
            summary="Call about the new range",
        )
        # a low feedback score on Fern's order, not answered yet
        order = cls.env["sale.order"].search([("partner_id", "=", cls.fern.id)])
        order.activity_schedule(
            "client_base.mail_activity_type_low_feedback",
            user_id=cls.user.id,
            summary="Low feedback score: call the client",
        )
        # Rowan's buyer turns 40 in five days
        cls.env["res.partner"].create(
            {
                "name": "Rowan Buyer",
                "parent_id": cls.rowan.id,
                "client_birthday": (cls.today + timedelta(days=5)).replace(
                    year=cls.today.year - 40
                ),
            }
        )
        # Birch's quotation under the company's minimum order
        Rule = cls.env["client.base.order.threshold"]
        Rule.search([]).action_archive()
        Rule.create({"amount_first": 1000, "amount_repeat": 1000})
        cls.quotation = cls._quote(cls.birch, 200)

    @classmethod
    def _quote(cls, partner, amount):
        return cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "user_id": cls.user.id,
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

    def _worklist(self, user):
        self.env.flush_all()
        clients = (
            self.oak | self.willow | self.fern | self.rowan | self.birch | self.elm
        )
        return (
            self.env["client.base.worklist"]
            .with_user(user)
            .search([("partner_id", "in", clients.ids)])
        )

    def test_a_salespersons_day(self):
        lines = self._worklist(self.user)
        self.assertEqual(
            {(line.partner_id, line.kind) for line in lines},
            {
                (self.oak, "contact"),
                (self.willow, "winback"),
                (self.fern, "feedback"),
                (self.rowan, "round_date"),
                (self.birch, "blocked_order"),
            },
        )
        self.assertEqual(lines[0].partner_id, self.oak, "Class A first")
        self.assertEqual(lines[0].abc_class, "A")
        rowan = lines.filtered(lambda line: line.kind == "round_date")
        self.assertEqual((rowan.years, rowan.date), (40, self.today + timedelta(5)))
        self.assertIn("40", rowan.name)
        blocked = lines.filtered(lambda line: line.kind == "blocked_order")
        self.assertEqual(blocked.order_id, self.quotation)

    def test_round_dates_as_far_ahead_as_the_company_reminds(self):
        kinds = {(line.partner_id, line.kind) for line in self._worklist(self.user)}
        self.assertIn((self.rowan, "round_date"), kinds)
        self.company.client_round_date_days_ahead = 4  # the birthday is in 5
        kinds = {(line.partner_id, line.kind) for line in self._worklist(self.user)}
        self.assertNotIn((self.rowan, "round_date"), kinds)

    def test_managers_see_everyones_lines_by_team(self):
        lines = self._worklist(self.manager)
        self.assertIn((self.elm, "contact"), {(l.partner_id, l.kind) for l in lines})
        self.assertNotIn(self.elm, self._worklist(self.user).partner_id)
        groups = (
            self.env["client.base.worklist"]
            .with_user(self.manager)
            ._read_group([("partner_id", "=", self.elm.id)], ["user_id"], ["__count"])
        )
        self.assertEqual(groups, [(self.colleague, 1)])

    def test_acting_on_lines(self):
        lines = self._worklist(self.user)
        contact = lines.filtered(lambda line: line.kind == "contact")
        action = contact.action_open()
        self.assertEqual(
            (action["res_model"], action["res_id"]), ("res.partner", self.oak.id)
        )
        blocked = lines.filtered(lambda line: line.kind == "blocked_order")
        self.assertEqual(blocked.action_open()["res_model"], "sale.order")
        step = lines.filtered(lambda line: line.kind == "winback")
        step.action_done()
        self.assertNotIn("winback", self._worklist(self.user).mapped("kind"))
        self.quotation.order_line.price_unit = 2000
        self.assertNotIn("blocked_order", self._worklist(self.user).mapped("kind"))

    def test_constant_queries_for_a_salesperson(self):
        """Reading the worklist takes as many queries for five lines as for
        fifteen."""
        Worklist = self.env["client.base.worklist"].with_user(self.user)

        def count():
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            lines = Worklist.search([])
            lines.read(["kind", "partner_id", "name", "date", "abc_class", "revenue"])
            return self.cr.sql_log_count - before, len(lines)

        count()  # rules and groups cached once
        first, few = count()
        more = self.env["res.partner"].create(
            [
                {"name": f"Late {i}", "is_company": True, "user_id": self.user.id}
                for i in range(10)
            ]
        )
        for client in more:
            client.with_company(self.company).client_next_contact_date = (
                self.today - timedelta(days=1)
            )
        second, many = count()
        self.assertEqual(many, few + 10)
        self.assertEqual(first, second)
