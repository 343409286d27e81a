from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import new_test_user, tagged

from .common import AnalysisCase, month


@tagged("post_install", "-at_install")
class TestActionLists(AnalysisCase):
    """Clients of a company of their own; RFM by fixed limits (frequency 2,
    3, 5, 10 orders; monetary 1,000, 5,000, 20,000, 100,000)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.list_co = cls.env["res.company"].create(
            {
                "name": "Action Mill",
                "client_rfm_scoring": "limits",
                "client_cost_to_serve": 200,
            }
        )
        for user in (cls.manager, cls.user):
            user.company_ids |= cls.list_co
        cls.criterion = cls.env["client.base.strategic.criterion"].create(
            {"name": "Potential", "weight": 1, "company_id": cls.list_co.id}
        )
        Partner = cls.env["res.partner"]
        cls.little, cls.busy, cls.tagged, cls.plain = Partner.create(
            [
                {"name": name, "is_company": True, "user_id": cls.user.id}
                for name in ("Little Target", "Busy Target", "Tagged", "Plain")
            ]
        )
        cls.tagged.category_id = cls.env.ref(
            "client_base_analysis.res_partner_category_target"
        )
        Score = cls.env["client.base.strategic.score"].with_company(cls.list_co)
        for client in (cls.little, cls.busy):
            Score.create(
                {
                    "partner_id": client.id,
                    "criterion_id": cls.criterion.id,
                    "score": 5,
                }
            )
        cls._order(cls.little, month(2), 400, company=cls.list_co)
        for index in range(6):
            cls._order(cls.busy, month(index), 3000, company=cls.list_co)
        cls._order(cls.plain, month(4), 300, company=cls.list_co)
        Run = cls.env["client.base.analysis.run"]
        cls.analysis = Run.create(
            {
                **Run._default_values_for(cls.list_co),
                "date_from": month(0).date(),
                "date_to": month(11).date(),
            }
        )
        cls.analysis.action_run()

    def _list(self, fname, user=None):
        Partner = self.env["res.partner"].with_user(user or self.manager)
        return Partner.with_company(self.list_co).search(
            [(fname, "=", True), ("id", "in", self._clients().ids)]
        )

    def _clients(self):
        return self.little | self.busy | self.tagged | self.plain

    def test_targets_buying_little(self):
        """Little Target (high level, 1 order of 400: F 1, M 1) and Tagged
        (never bought) are in; Busy Target (6 orders: F 4) and Plain (not a
        target) are not."""
        found = self._list("client_target_buying_little")
        self.assertEqual(found, self.little | self.tagged)
        self.assertTrue(
            self.little.with_company(self.list_co).client_target_buying_little
        )
        self.assertFalse(
            self.busy.with_company(self.list_co).client_target_buying_little
        )

    def test_small_orders(self):
        """Over the last twelve months, with a cost to serve of 200: Plain's
        orders of 300 and 50 average 175. Busy's order of 3,000 confirmed
        under a minimum of 5,000 for repeat orders puts it in too. Older
        orders do not count."""
        recent = datetime.now() - timedelta(days=20)
        self.assertFalse(self._list("client_small_orders"))
        self._order(self.plain, recent, 300, company=self.list_co)
        self.assertFalse(self._list("client_small_orders"))
        self._order(self.plain, recent, 50, company=self.list_co)
        self.assertEqual(self._list("client_small_orders"), self.plain)
        busy = self._order(self.busy, recent, 3000, company=self.list_co)
        self.assertEqual(self._list("client_small_orders"), self.plain)
        busy.write(
            {
                "client_threshold_confirmed_first": False,
                "client_threshold_confirmed_minimum": 5000,
            }
        )
        self.assertEqual(self._list("client_small_orders"), self.plain | self.busy)

    def test_small_orders_count_from_the_first_day_of_the_months(self):
        """The twelve months start on today's date a year ago, inside a month:
        an order of that day counts, one of the day before does not, and the
        months after count whole."""
        edge = self.env["res.partner"].create(
            {"name": "Edge", "is_company": True, "user_id": self.user.id}
        )
        today = fields.Date.context_today(self.env["res.partner"])
        since = datetime.combine(today - relativedelta(months=12), time(10))
        self._order(edge, since, 100, company=self.list_co)
        self._order(edge, since - timedelta(days=1), 900, company=self.list_co)
        self._order(
            edge, datetime.now() - timedelta(days=20), 150, company=self.list_co
        )
        self.assertEqual(self._small(edge), edge)
        figures = self._figures(edge, ["client_average_order", "client_order_needed"])
        self.assertEqual(figures[edge], (125.0, 200.0))

    def _small(self, partner):
        return (
            self.env["res.partner"]
            .with_user(self.manager)
            .with_company(self.list_co)
            .search([("client_small_orders", "=", True), ("id", "=", partner.id)])
        )

    def test_regulars_gone_silent(self):
        """Busy went from regular to dormant 10 days ago and is still dormant;
        Plain did 60 days ago, beyond the 30 days of the setting."""
        History = self.env["client.base.status.history"]
        now = fields.Datetime.now()
        for client, days in ((self.busy, 10), (self.plain, 60)):
            History.create(
                {
                    "partner_id": client.id,
                    "company_id": self.list_co.id,
                    "status_from": "regular",
                    "status_to": "dormant",
                    "cause": "silence",
                    "date": now - timedelta(days=days),
                }
            )
            client.with_company(self.list_co).client_status = "dormant"
        self.assertEqual(self._list("client_gone_silent"), self.busy)
        self.list_co.client_silent_days = 90
        self.assertEqual(self._list("client_gone_silent"), self.busy | self.plain)
        self.busy.with_company(self.list_co).client_status = "regular"
        self.assertEqual(self._list("client_gone_silent"), self.plain, "Came back")

    def test_settings_validated(self):
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.list_co.client_cost_to_serve = -1
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.list_co.client_silent_days = 0
        self.assertEqual(self.list_co.client_cost_to_serve, 200)

    # -- the figures that put a client on a list ------------------------------
    def _figures(self, partners, fnames, user=None):
        partners = partners.with_user(user or self.manager).with_company(self.list_co)
        return {
            partner: tuple(values[fname] for fname in fnames)
            for partner, values in zip(partners, partners.read(fnames), strict=True)
        }

    def test_targets_show_what_they_bought(self):
        """Orders, amount and F and M scores of the latest analysis: Little
        Target's one order of 400 scores F 1, M 1; Tagged, not in the
        analysis, shows none; Busy Target scores above 2."""
        fnames = [
            "client_analysis_orders",
            "client_analysis_amount",
            "client_rfm_f_score",
            "client_rfm_m_score",
        ]
        figures = self._figures(self._clients(), fnames)
        self.assertEqual(figures[self.little], (1, 400.0, 1, 1))
        self.assertEqual(figures[self.tagged], (0, 0.0, 0, 0))
        self.assertEqual(figures[self.busy][:2], (6, 18000.0))
        self.assertGreater(figures[self.busy][2], 2)

    def test_small_orders_show_average_and_what_it_needs(self):
        """Plain's orders of the last twelve months average 175 against the
        cost to serve of 200; Busy's 3,000 against its minimum of 5,000."""
        recent = datetime.now() - timedelta(days=20)
        self._order(self.plain, recent, 300, company=self.list_co)
        self._order(self.plain, recent, 50, company=self.list_co)
        busy = self._order(self.busy, recent, 3000, company=self.list_co)
        busy.write(
            {
                "client_threshold_confirmed_first": False,
                "client_threshold_confirmed_minimum": 5000,
            }
        )
        fnames = ["client_average_order", "client_order_needed"]
        figures = self._figures(self.plain | self.busy | self.tagged, fnames)
        self.assertEqual(figures[self.plain], (175.0, 200.0))
        self.assertEqual(figures[self.busy], (3000.0, 5000.0))
        self.assertEqual(figures[self.tagged], (0.0, 0.0), "Bought nothing")

    def test_gone_silent_shows_days_against_usual_gap(self):
        today = self.list_co._client_base_today()
        client = self.busy.with_company(self.list_co)
        client.write(
            {
                "client_last_order_date": today - timedelta(days=45),
                "client_order_gap_days": 14.0,
            }
        )
        fnames = ["client_days_silent", "client_order_gap_days"]
        self.assertEqual(self._figures(self.busy, fnames)[self.busy], (45, 14.0))

    def test_a_colleagues_client_shows_no_figures(self):
        """A salesperson reads a colleague's client's figures as empty; the
        manager reads them."""
        colleague = new_test_user(
            self.env,
            login="cb_list_colleague",
            groups="client_base.group_client_base_user",
            company_ids=[(6, 0, (self.company | self.list_co).ids)],
        )
        self.little.user_id = colleague
        fnames = [
            "client_analysis_amount",
            "client_rfm_f_score",
            "client_average_order",
            "client_days_silent",
        ]
        self.assertEqual(
            self._figures(self.little, fnames, self.user)[self.little],
            (False,) * len(fnames),
        )
        figures = self._figures(self.little, fnames)[self.little]
        self.assertEqual(figures[:2], (400.0, 1))

    def test_figures_in_as_many_queries_for_twenty_clients_as_for_one(self):
        others = self.env["res.partner"].create(
            [{"name": f"List Shop {index}", "is_company": True} for index in range(16)]
        )
        for index, client in enumerate(others):
            self._order(client, month(index % 12), 100 + index, company=self.list_co)
        fnames = [
            "client_target_buying_little",
            "client_analysis_orders",
            "client_analysis_amount",
            "client_rfm_f_score",
            "client_average_order",
            "client_order_needed",
            "client_days_silent",
        ]
        clients = (self._clients() | others).with_company(self.list_co)

        def queries(partners):
            partners = partners.with_user(self.manager)
            self.env.invalidate_all()
            start = self.cr.sql_log_count
            partners.read(fnames)
            return self.cr.sql_log_count - start

        queries(clients)  # rules and groups cached
        self.assertEqual(queries(clients[:1]), queries(clients))
