from datetime import date, datetime

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from odoo.addons.client_base.tests.common import post_invoice

from .common import AnalysisCase


@tagged("post_install", "-at_install")
class TestBaseHealth(AnalysisCase):
    """Four clients of a company of their own, with figures worked out by
    hand in each test:

    - Alder: 10 Jan 2024 1,000; 15 Feb 2024 500; 1 Mar 2025 2,000 (source Fair)
    - Birch: 20 Jan 2024 300, never again (source Fair)
    - Cedar: 5 Mar 2024 700; 5 Aug 2024 100 (source Web)
    - Dogwood: 10 May 2025 400; 20 May 2025 600 (no source)
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.health_co = cls.env["res.company"].create({"name": "Health Mill"})
        cls.manager.company_ids |= cls.health_co
        cls.user.company_ids |= cls.health_co
        Source = cls.env["client.base.source"]
        cls.fair = Source.create({"name": "Trade Fair", "kind": "other"})
        cls.web = Source.create({"name": "Shop Website", "kind": "other"})
        Partner = cls.env["res.partner"]

        def client(name, source=None):
            return Partner.create(
                {
                    "name": name,
                    "is_company": True,
                    "user_id": cls.user.id,
                    "client_source_id": source and source.id,
                }
            )

        cls.alder = client("Alder", cls.fair)
        cls.birch = client("Birch", cls.fair)
        cls.cedar = client("Cedar", cls.web)
        cls.dogwood = client("Dogwood")
        cls._orders_on_days(
            (
                (cls.alder, date(2024, 1, 10), 1000),
                (cls.alder, date(2024, 2, 15), 500),
                (cls.alder, date(2025, 3, 1), 2000),
                (cls.birch, date(2024, 1, 20), 300),
                (cls.cedar, date(2024, 3, 5), 700),
                (cls.cedar, date(2024, 8, 5), 100),
                (cls.dogwood, date(2025, 5, 10), 400),
                (cls.dogwood, date(2025, 5, 20), 600),
            ),
            company=cls.health_co,
        )

    def _group(self, model, groupby, measures, domain=(), user=None):
        self.env.flush_all()
        Model = self.env[model].with_user(user or self.manager)
        Model = Model.with_company(self.health_co)
        return Model._read_group(
            [("company_id", "=", self.health_co.id), *domain], groupby, measures
        )

    def test_repeat_revenue_share(self):
        """January 2024: Alder (repeat) 1,000 of 1,300 = 76.92%; the year
        2024: all but Birch's 300 of 2,600 = 88.46%."""
        rows = dict(
            self._group(
                "client.base.health.repeat", ["month:month"], ["repeat_share:avg"]
            )
        )
        january = next(v for k, v in rows.items() if k == date(2024, 1, 1))
        self.assertAlmostEqual(january, 100 * 1000 / 1300, places=2)
        ((_year, revenue, share),) = self._group(
            "client.base.health.repeat",
            ["month:year"],
            ["revenue:sum", "repeat_share:avg"],
            [("month", ">=", date(2024, 1, 1)), ("month", "<", date(2025, 1, 1))],
        )
        self.assertEqual(revenue, 2600)
        self.assertAlmostEqual(share, 100 * 2300 / 2600, places=2)
        birch = self.env["client.base.health.repeat"].search(
            [("partner_id", "=", self.birch.id)]
        )
        self.assertEqual((birch.is_repeat, birch.revenue), (False, 300))

    def test_on_the_invoice_basis_a_refund_is_no_repeat_purchase(self):
        """Invoices are the purchases: Elm, invoiced once and refunded part
        of it, is a one-off client of 600 net; its orders count no more."""
        # the company with a chart of accounts: the health company has none
        self.company.client_purchase_basis = "invoice"
        elm = self.env["res.partner"].create({"name": "Elm", "is_company": True})
        post_invoice(self.env, elm, date(2025, 4, 2), 800)
        post_invoice(self.env, elm, date(2025, 4, 9), 200, "out_refund")
        self.env.flush_all()
        rows = self.env["client.base.health.repeat"]._read_group(
            [("company_id", "=", self.company.id)],
            ["partner_id", "is_repeat"],
            ["revenue:sum", "order_count:sum"],
        )
        self.assertEqual(rows, [(elm, False, 600, 1)], "no order is a purchase now")

    def test_companies_of_other_currencies_add_up_converted(self):
        """With a company in another currency also selected, its revenue is
        converted to the current company's currency (current rate)."""
        currency = self.health_co.currency_id
        foreign = self.env.ref("base.EUR" if currency.name != "EUR" else "base.USD")
        foreign.active = True
        euro_co = self.env["res.company"].create(
            {"name": "Health Euro", "currency_id": foreign.id}
        )
        self.manager.company_ids |= euro_co
        # for the current company, one foreign unit is worth two of its own
        company_id = self.health_co.id
        self.env["res.currency.rate"].create(
            [
                {"currency_id": currency.id, "rate": 1.0, "company_id": company_id},
                {"currency_id": foreign.id, "rate": 0.5, "company_id": company_id},
            ]
        )
        self._order(self.birch, datetime(2024, 1, 25, 10), 100, company=euro_co)
        self.env.flush_all()
        Repeat = (
            self.env["client.base.health.repeat"]
            .with_user(self.manager)
            .with_company(self.health_co)
            .with_context(allowed_company_ids=[self.health_co.id, euro_co.id])
        )
        ((revenue,),) = Repeat._read_group(
            [("month", "=", date(2024, 1, 1))], [], ["revenue:sum"]
        )
        self.assertAlmostEqual(revenue, 1000 + 300 + 200)

    def test_yearly_churn(self):
        """2025: of Alder, Birch and Cedar (2024) only Alder came back: 2/3.
        2026: neither Alder nor Dogwood (2025) bought: 100%."""
        rows = {
            year: (clients, lost, rate)
            for year, clients, lost, rate in self._group(
                "client.base.health.churn",
                ["year"],
                ["client_count:sum", "lost_count:sum", "churn_rate:avg"],
            )
        }
        self.assertEqual(rows[2025][:2], (3, 2))
        self.assertAlmostEqual(rows[2025][2], 200 / 3, places=2)
        self.assertEqual(rows[2026], (2, 2, 100.0))
        self.assertNotIn(2024, rows, "No client bought in 2023")
        lost = self.env["client.base.health.churn"].search(
            [("year", "=", 2025), ("lost_count", "=", 1)]
        )
        self.assertEqual(lost.partner_id, self.birch | self.cedar)

    def test_churn_counts_only_within_a_year(self):
        """A client counts once a year: grouped across years (the pivot's
        total row, a salesperson's row) the counts read empty, and the churn
        rate averages the client-years, 4 lost of 5; one year keeps them."""
        total = self._group(
            "client.base.health.churn",
            [],
            ["client_count:sum", "lost_count:sum", "churn_rate:avg"],
        )
        self.assertEqual(total[0][:2], (False, False), "Empty, not 5 and 4")
        self.assertAlmostEqual(total[0][2], 400 / 5, places=2)
        by_user = self._group(
            "client.base.health.churn", ["user_id"], ["client_count:sum"]
        )
        self.assertEqual({count for _user, count in by_user}, {False})
        one_year = self._group(
            "client.base.health.churn",
            ["user_id"],
            ["client_count:sum", "lost_count:sum"],
            [("year", "=", 2025)],
        )
        self.assertEqual(sum(row[1] for row in one_year), 3)
        self.assertEqual(sum(row[2] for row in one_year), 2)

    def test_cohort_columns_read_q_plus_n_in_order(self):
        """The cohort table's columns are Q+1, Q+2 … in that order (Q+10
        after Q+9), each the quarter number it stands for."""
        Cohort = self.env["client.base.health.cohort"]
        labels = dict(Cohort._fields["quarter_after"].selection)
        self.assertEqual((labels["01"], labels["12"]), ("Q+1", "Q+12"))
        columns = [
            key
            for key, _count in self._group(
                "client.base.health.cohort", ["quarter_after"], ["client_count:sum"]
            )
        ]
        self.assertEqual(columns, sorted(columns, key=int))
        self.assertGreater(len(columns), 9, "Past Q+9: the order is not the text's")
        rows = Cohort.search([("company_id", "=", self.health_co.id)])
        self.assertTrue(all(int(row.quarter_after) == row.quarter for row in rows))

    def test_amounts_in_the_current_companys_currency(self):
        """Report amounts are monetary in the current company's currency,
        which their labels name: a pivot shows no symbol in its cells."""
        Repeat = self.env["client.base.health.repeat"].with_company(self.health_co)
        symbol = self.health_co.currency_id.symbol
        fields = Repeat.fields_get(["revenue", "repeat_share"], ["string", "type"])
        self.assertEqual(fields["revenue"]["type"], "monetary")
        self.assertTrue(fields["revenue"]["string"].endswith(f"({symbol})"))
        self.assertNotIn(symbol, fields["repeat_share"]["string"])
        row = Repeat.search([("company_id", "=", self.health_co.id)], limit=1)
        self.assertEqual(row.currency_id, self.health_co.currency_id)

    def test_cohort_retention(self):
        """January 2024 cohort (Alder, Birch): Alder bought in February
        (quarter 1) and March 2025 (14 months on: quarter 5). March 2024
        (Cedar): August is 5 months on, quarter 2. Dogwood's second order is
        in its first month: not a later quarter."""
        cells = {
            (cohort, quarter): (clients, rate)
            for cohort, quarter, clients, rate in self._group(
                "client.base.health.cohort",
                ["cohort_month:month", "quarter"],
                ["client_count:sum", "retention:avg"],
            )
        }
        january, march, may = date(2024, 1, 1), date(2024, 3, 1), date(2025, 5, 1)
        self.assertEqual(cells[january, 1], (2, 50.0))
        self.assertEqual(cells[january, 2], (2, 0.0))
        self.assertEqual(cells[january, 5], (2, 50.0))
        self.assertEqual(cells[march, 2], (1, 100.0))
        self.assertEqual(cells[may, 1], (1, 0.0))
        # the view counts the quarters over up to the database's today (now()),
        # which a frozen Python clock does not reach
        today = date.today()
        months_since = (today.year - 2024) * 12 + today.month - 1
        self.assertEqual(
            max(q for c, q in cells if c == january),
            min(12, (months_since - 1) // 3),
            "Quarters that are over, twelve at most",
        )
        behind = self.env["client.base.health.cohort"].search(
            [("cohort_month", "=", january), ("quarter", "=", 5), ("retained", "=", 1)]
        )
        self.assertEqual(behind.partner_id, self.alder)

    def test_cohort_counts_the_clients_people(self):
        """Elm's buyer ordered first (April 2024), Elm itself in July (3
        months on: quarter 1) and November (7 months on: quarter 3); a second
        buyer in June (2 months on) is quarter 1 too."""
        elm = self.env["res.partner"].create(
            {"name": "Elm", "is_company": True, "user_id": self.user.id}
        )
        ann, bob = self.env["res.partner"].create(
            [
                {"name": "Elm Ann", "parent_id": elm.id},
                {"name": "Elm Bob", "parent_id": elm.id},
            ]
        )
        self._orders_on_days(
            (
                (ann, date(2024, 4, 3), 100),
                (bob, date(2024, 6, 12), 100),
                (elm, date(2024, 7, 8), 100),
                (elm, date(2024, 11, 20), 100),
            ),
            company=self.health_co,
        )
        rows = {
            row.quarter: row.retained
            for row in self.env["client.base.health.cohort"].search(
                [("partner_id", "=", elm.id), ("quarter", "<=", 4)]
            )
        }
        self.assertEqual(rows, {1: 1, 2: 0, 3: 1, 4: 0})
        self.assertEqual(
            self.env["client.base.health.cohort"]
            .search([("partner_id", "=", elm.id)], limit=1)
            .cohort_month,
            date(2024, 4, 1),
        )

    def test_acquisition_cost_per_source(self):
        """Fair spent 600 over January-February 2024 (310 for January's 31
        days, 290 for February's 29) and brought Alder and Birch in January:
        300 a client over the two months, 155 in January; Web spent 350 in
        March for Cedar."""
        Spend = self.env["client.base.marketing.spend"].with_user(self.manager)
        Spend = Spend.with_company(self.health_co)
        Spend.create(
            [
                {
                    "name": "Fair stand",
                    "source_id": self.fair.id,
                    "date_from": date(2024, 1, 1),
                    "date_to": date(2024, 2, 29),
                    "amount": 600,
                },
                {
                    "name": "Web ads",
                    "source_id": self.web.id,
                    "date_from": date(2024, 3, 1),
                    "date_to": date(2024, 3, 31),
                    "amount": 350,
                },
            ]
        )
        model = "client.base.health.acquisition"
        measures = ["new_client_count:sum", "spend:sum", "cost_per_client:avg"]
        first_quarter = [("month", "<", date(2024, 4, 1))]
        rows = {
            source: values
            for source, *values in self._group(
                model, ["source_id"], measures, first_quarter
            )
        }
        self.assertEqual(rows[self.fair][:2], [2, 600])
        self.assertAlmostEqual(rows[self.fair][2], 300)
        self.assertEqual(rows[self.web], [1, 350, 350])
        by_month = {
            (source, month): values
            for source, month, *values in self._group(
                model, ["source_id", "month:month"], measures, first_quarter
            )
        }
        self.assertAlmostEqual(by_month[self.fair, date(2024, 1, 1)][2], 155)
        february = by_month[self.fair, date(2024, 2, 1)]
        self.assertAlmostEqual(february[1], 290)
        self.assertFalse(february[2], "No new client: no cost per client")
        new = self.env[model].search(
            [("source_id", "=", self.fair.id), ("new_client_count", "=", 1)]
        )
        self.assertEqual(new.partner_id, self.alder | self.birch)
        # all together: 950 spent over the 3 clients it brought; Dogwood
        # (no source, 2025) is a new client no spend brought
        ((clients, paid, spend, cost),) = self._group(
            model,
            [],
            ["new_client_count:sum", "paid_client_count:sum", "spend:sum",
             "cost_per_client:avg"],
        )  # fmt: skip
        self.assertEqual((clients, paid, spend), (4, 3, 950))
        self.assertAlmostEqual(cost, 950 / 3)

    def test_spend_bad_input(self):
        Spend = self.env["client.base.marketing.spend"].with_user(self.manager)
        base = {
            "name": "Flyers",
            "source_id": self.fair.id,
            "date_from": date(2024, 1, 1),
            "date_to": date(2024, 1, 31),
            "amount": 100,
        }
        for bad in (
            {"amount": -1},
            {"date_to": date(2023, 12, 31)},
            {"source_id": False},
        ):
            with self.assertRaises(ValidationError), self.cr.savepoint():
                Spend.create({**base, **bad})
        self.assertFalse(Spend.search([("name", "=", "Flyers")]))
        with self.assertRaises(AccessError):
            Spend.with_user(self.user).create(base)

    def test_concentration_and_main_client_warning(self):
        """2024-2025: Alder 3,500 of 5,600 = 62.5%; the top five are all
        four; the top fifth of four clients is one, Alder."""
        run = self._run(
            company_id=self.health_co.id,
            date_from=date(2024, 1, 1),
            date_to=date(2025, 12, 31),
        )
        self.assertEqual(run.top_client_id, self.alder)
        self.assertAlmostEqual(run.top_client_share, 62.5, places=2)
        self.assertAlmostEqual(run.top_five_share, 100, places=2)
        self.assertAlmostEqual(run.top_fifth_share, 62.5, places=2)
        self.assertTrue(run.concentration_warning)
        self.health_co.client_concentration_warning = 70
        run.invalidate_recordset()
        self.assertFalse(run.concentration_warning)

    def test_salespeople_see_their_clients_managers_their_companies(self):
        """Salespeople read the health of their own clients, managers of their
        companies'; another company's figures stay hidden."""
        self.cedar.user_id = self.manager
        churn = self._group(
            "client.base.health.churn",
            ["year"],
            ["client_count:sum"],
            [("year", "=", 2025)],
            user=self.user,
        )
        self.assertEqual(churn, [(2025, 2)], "Alder and Birch, not Cedar")
        rows = self._group(
            "client.base.health.churn",
            ["year"],
            ["client_count:sum"],
            [("year", "=", 2025)],
        )
        self.assertEqual(rows, [(2025, 3)])
        outsider = new_test_user(
            self.env,
            login="cba_health_outsider",
            groups="client_base.group_client_base_manager",
        )
        rows = (
            self.env["client.base.health.churn"]
            .with_user(outsider)
            .search([("partner_id", "=", self.birch.id)])
        )
        self.assertFalse(rows, "Another company's figures stay hidden")
        with self.assertRaises(AccessError):
            self.env["client.base.yearly.review"].with_user(self.user).create(
                {"year": 2025}
            )
