from collections import defaultdict
from datetime import date, datetime, time, timedelta

import numpy as np
from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.fields import Command
from odoo.tests import new_test_user, tagged
from odoo.tools import SQL

from odoo.addons.client_base_analysis.tools import clv

from .common import PERIOD, AnalysisCase

END = PERIOD["date_to"]
PERIOD_DAYS = (PERIOD["date_to"] - PERIOD["date_from"]).days + 1


def histories(rows, end, check_from):
    """Per client, from ``rows`` (client id, day, amount), computed here in
    Python: what the run's SQL must give, in days."""
    days = defaultdict(lambda: defaultdict(float))
    for client, day, amount in rows:
        if day <= end:
            days[client][day] += amount
    result = {}
    for client, amounts in days.items():
        ordered = sorted(amounts)
        before = [day for day in ordered if day <= check_from]
        x = len(ordered) - 1
        result[client] = {
            "x": x,
            "t_x": (ordered[-1] - ordered[0]).days,
            "age": (end - ordered[0]).days,
            "m": sum(amounts[day] for day in ordered[1:]) / x if x else 0.0,
            "check_x": len(before) - 1,
            "check_t_x": (before[-1] - ordered[0]).days if before else 0,
            "check_age": (check_from - ordered[0]).days,
            "check_actual": len(ordered) - len(before),
        }
    return result


class PredictionCase(AnalysisCase):
    @classmethod
    def _confirmed_orders(cls, rows, company=None, user=None):
        """Confirmed orders of ``rows`` (partner, day, amount) at 10:00, made
        at once."""
        company = company or cls.company
        orders = cls.env["sale.order"].create(
            [
                {
                    "partner_id": partner.id,
                    "company_id": company.id,
                    "user_id": (user or cls.user).id,
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
                for partner, _day, amount in rows
            ]
        )
        orders.action_confirm()
        for order, (_partner, day, _amount) in zip(orders, rows, strict=True):
            order.date_order = datetime.combine(day, time(10))
        return orders

    @classmethod
    def _clients_buying(cls, count, seed, company=None, name="Client"):
        """``count`` clients whose purchases BG/NBD itself draws (a purchase
        every month or so, leaving after a purchase one time in four), their
        first purchase in the two years before the period end."""
        rng = np.random.default_rng(seed)
        partners = cls.env["res.partner"].create(
            [{"name": f"{name} {index}", "is_company": True} for index in range(count)]
        )
        rows = []
        for partner in partners:
            first = END - timedelta(days=int(rng.integers(60, 730)))
            rate = rng.gamma(1.5, 1 / 45)
            leaving = rng.beta(1.0, 3.0)
            # each client its own usual amount, its orders scattered around it
            usual = rng.lognormal(5, 0.6)

            def amount(usual=usual):
                return round(float(rng.gamma(4, usual / 4)), 2)

            rows.append((partner, first, amount()))
            moment = rng.exponential(1 / rate)
            while first + timedelta(days=int(moment)) <= END:
                rows.append((partner, first + timedelta(days=int(moment)), amount()))
                if rng.random() < leaving:
                    break
                moment += rng.exponential(1 / rate)
        return partners, rows


@tagged("post_install", "-at_install")
@freeze_time("2026-06-15")
class TestPrediction(PredictionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.colleague = new_test_user(
            cls.env,
            login="cba_pred_colleague",
            groups="client_base.group_client_base_user",
        )
        cls.clients, rows = cls._clients_buying(60, seed=3)
        Partner = cls.env["res.partner"]
        # every week for two years, until two weeks ago; and until eight
        # months ago (within the period: its revenue goes with it)
        cls.steady, cls.gone = Partner.create(
            [
                {"name": "Steady Bakery", "is_company": True},
                {"name": "Gone Bakery", "is_company": True},
            ]
        )
        for client, last in (
            (cls.steady, END - timedelta(days=14)),
            (cls.gone, date(2025, 10, 1)),
        ):
            day = END - timedelta(days=728)
            while day <= last:
                rows.append((client, day, 300.0))
                day += timedelta(days=7)
        cls.rows = rows
        cls._confirmed_orders(rows)
        # another company's purchases stay out of this company's models
        other = cls.env["res.company"].create({"name": "Other Mill"})
        cls._confirmed_orders([(cls.gone, date(2026, 5, 1), 900.0)], company=other)
        cls.analysis = cls._run_as_manager()
        cls.check_from = END - timedelta(weeks=26)
        cls.histories = histories(
            [(partner.id, day, amount) for partner, day, amount in rows],
            END,
            cls.check_from,
        )

    @classmethod
    def _run_as_manager(cls, company=None, **values):
        Run = cls.env["client.base.analysis.run"]
        run = Run.with_user(cls.manager).create(
            {**Run._default_values_for(company or cls.company), **PERIOD, **values}
        )
        run.action_run()
        return run

    def _arrays(self, *names):
        clients = sorted(self.histories)
        return clients, [
            np.array([self.histories[client][name] for client in clients], dtype=float)
            for name in names
        ]

    def test_the_run_stores_the_fit_of_the_clients_histories(self):
        _clients, (x, t_x, age, m) = self._arrays("x", "t_x", "age", "m")
        bgnbd = clv.fit_bgnbd(x, t_x, age)
        gamma_gamma = clv.fit_gamma_gamma(x, m)
        run = self.analysis
        self.assertEqual(run.prediction_state, "done")
        self.assertFalse(run.prediction_note)
        # the same maximum: to the optimiser's precision on a flat likelihood
        # of 62 clients (the sums' rounding differs with memory alignment)
        self.assertAlmostEqual(
            run.bgnbd_log_likelihood, bgnbd["log_likelihood"], delta=0.005
        )
        for fname, key in (
            ("bgnbd_r", "r"),
            ("bgnbd_alpha", "alpha"),
            ("bgnbd_a", "a"),
            ("bgnbd_b", "b"),
            ("gamma_gamma_p", "p"),
            ("gamma_gamma_q", "q"),
            ("gamma_gamma_v", "v"),
        ):
            self.assertAlmostEqual(
                run[fname] / bgnbd.get(key, gamma_gamma.get(key)),
                1,
                places=3,
                msg=fname,
            )
        # 62 clients of this company; the other company's order is not one
        self.assertEqual(run.bgnbd_clients, 62)
        self.assertEqual(run.gamma_gamma_clients, gamma_gamma["clients"])
        self.assertGreater(run.bgnbd_iterations, 0)

    def test_each_line_gets_its_clients_predictions(self):
        clients, (x, t_x, age, m) = self._arrays("x", "t_x", "age", "m")
        bgnbd = clv.fit_bgnbd(x, t_x, age)
        gamma_gamma = clv.fit_gamma_gamma(x, m)
        expected = {
            "p_alive": clv.p_alive(bgnbd, x, t_x, age),
            "expected_purchases_90": clv.expected_purchases(bgnbd, 90, x, t_x, age),
            "expected_purchases_365": clv.expected_purchases(bgnbd, 365, x, t_x, age),
            "expected_average_value": clv.expected_average_value(gamma_gamma, x, m),
            "predicted_value": clv.expected_value(
                bgnbd, gamma_gamma, x, t_x, age, m, 365
            ),
        }
        index = {client: i for i, client in enumerate(clients)}
        lines = self.analysis.line_ids
        in_period = {
            partner.id for partner, day, _a in self.rows if day >= PERIOD["date_from"]
        }
        self.assertEqual(set(lines.partner_id.ids), in_period)
        for line in lines:
            i = index[line.partner_id.id]
            for fname, values in expected.items():
                self.assertAlmostEqual(
                    line[fname],
                    values[i],
                    delta=1e-3 * max(1, abs(values[i])),
                    msg=f"{line.partner_id.name} {fname}",
                )
            self.assertAlmostEqual(
                line.value_at_risk,
                max(line.revenue, 0) * 365 / PERIOD_DAYS * (1 - line.p_alive),
                places=2,
            )

    def test_model_check_against_the_held_out_weeks(self):
        run = self.analysis
        self.assertEqual(run.prediction_check_from, self.check_from)
        known = [
            c for c in sorted(self.histories) if self.histories[c]["check_age"] >= 0
        ]
        x, t_x, age, actual = (
            np.array([self.histories[c][name] for c in known], dtype=float)
            for name in ("check_x", "check_t_x", "check_age", "check_actual")
        )
        params = clv.fit_bgnbd(x, t_x, age)
        predicted = clv.expected_purchases(params, 26 * 7, x, t_x, age)
        # stored to a tenth
        self.assertAlmostEqual(
            run.prediction_check_predicted, predicted.sum(), delta=0.051
        )
        self.assertEqual(run.prediction_check_actual, int(actual.sum()))
        self.assertAlmostEqual(
            run.prediction_check_error,
            100 * (predicted.sum() - actual.sum()) / actual.sum(),
            delta=0.051,
        )
        rows = run.prediction_check_ids
        self.assertEqual(sum(rows.mapped("clients")), len(known))
        self.assertEqual(sum(rows.mapped("actual")), int(actual.sum()))
        group = np.minimum(x, 7)
        for row in rows:
            chosen = group == row.repeat_purchases
            self.assertEqual(row.clients, int(chosen.sum()))
            self.assertAlmostEqual(
                row.predicted, predicted[chosen].sum(), delta=0.05 + 1e-3
            )
            self.assertEqual(
                row.name,
                "7+" if row.repeat_purchases == 7 else str(row.repeat_purchases),
            )
        self.assertEqual(
            run.prediction_check_warning,
            abs(run.prediction_check_error) > run.prediction_error_limit,
        )

    def test_a_client_gone_silent_is_slipping_away(self):
        Partner = self.env["res.partner"].with_user(self.manager)
        gone, steady = Partner.browse(self.gone.id), Partner.browse(self.steady.id)
        self.assertLess(gone.client_p_alive, 0.5)
        self.assertGreater(steady.client_p_alive, 0.8)
        self.assertEqual(gone.client_predicted_status, "gone")
        self.assertEqual(steady.client_predicted_status, "alive")
        self.assertTrue(gone.client_slipping_away)
        self.assertFalse(steady.client_slipping_away)
        line = self.analysis.line_ids.filtered(
            lambda line: line.partner_id == self.gone
        )
        self.assertAlmostEqual(gone.client_value_at_risk, line.value_at_risk, places=2)
        self.assertAlmostEqual(
            gone.client_predicted_value, line.predicted_value, places=2
        )
        slipping = Partner.search(
            [("client_slipping_away", "=", True)], order="client_value_at_risk desc"
        )
        self.assertIn(gone, slipping)
        self.assertNotIn(steady, slipping)
        risks = slipping.mapped("client_value_at_risk")
        self.assertEqual(risks, sorted(risks, reverse=True))
        self.assertTrue(all(p.client_p_alive < 0.5 for p in slipping))
        self.assertEqual(
            Partner.search([("client_p_alive", ">", 0.8), ("id", "=", steady.id)]),
            steady,
        )
        # the limit is the company's setting: at the chance of the likeliest
        # slipping client, that one no longer is (strictly below)
        likeliest = max(slipping, key=lambda partner: partner.client_p_alive)
        self.company.client_prediction_alive_limit = 100 * likeliest.client_p_alive
        self.env["res.partner"].invalidate_model()
        self.assertNotIn(
            likeliest, Partner.search([("client_slipping_away", "=", True)])
        )

    def test_filters_and_groups_on_predictions(self):
        """What the web client sends: "is set", "is not set", a group's
        domain, "in"; none of it fails."""
        Partner = self.env["res.partner"].with_user(self.manager)
        clients = [("id", "in", (self.clients | self.steady | self.gone).ids)]
        predicted = Partner.search(clients + [("client_p_alive", "!=", False)])
        self.assertIn(self.gone, predicted)
        unset = Partner.search(clients + [("client_p_alive", "=", False)])
        self.assertFalse(unset & predicted)
        self.assertEqual(len(unset | predicted), len(Partner.search(clients)))
        for group in Partner.web_read_group(
            clients, ["client_p_alive"], ["client_p_alive"], lazy=False
        )["groups"]:
            Partner.search(group["__domain"])
        gone = Partner.search(clients + [("client_predicted_status", "in", ["gone"])])
        self.assertIn(self.gone, gone)
        self.assertNotIn(self.steady, gone)
        self.assertEqual(
            Partner.search(clients + [("client_predicted_status", "=", False)]), unset
        )
        self.assertIn(
            self.steady,
            Partner.search(clients + [("client_predicted_status", "not in", ["gone"])]),
        )
        self.assertIn(
            self.gone,
            Partner.search(clients + [("client_slipping_away", "in", [True])]),
        )

    def test_results_cannot_be_forged(self):
        """A run's prediction fields are what it computed, not what it was
        created with."""
        run = self._run_as_manager(
            prediction=False,
            prediction_state="done",
            bgnbd_r=42,
            prediction_check_error=-99,
        )
        self.assertEqual(run.prediction_state, "off")
        self.assertFalse(run.bgnbd_r or run.prediction_check_error)
        run = self._run_as_manager(prediction_holdout_weeks=520, bgnbd_r=42)
        self.assertNotEqual(run.bgnbd_r, 42)
        self.assertFalse(run.prediction_check_error)

    def test_a_salesperson_sees_predictions_of_own_clients_only(self):
        self.gone.user_id = self.colleague
        self.steady.user_id = self.user
        self.env.flush_all()
        Partner = self.env["res.partner"].with_user(self.user)
        self.assertGreater(Partner.browse(self.steady.id).client_p_alive, 0)
        self.assertFalse(
            Partner.browse(self.gone.id).read(["client_p_alive"])[0]["client_p_alive"]
        )
        self.assertNotIn(
            self.gone, Partner.search([("client_slipping_away", "=", True)])
        )
        self.assertNotIn(self.gone, Partner.search([("client_p_alive", "<", 0.5)]))
        self.assertIn(
            self.gone,
            Partner.with_user(self.manager).search(
                [("client_slipping_away", "=", True)]
            ),
        )

    def test_the_worklist_names_the_slipping_clients(self):
        self.gone.user_id = self.user
        self.env.flush_all()
        lines = (
            self.env["client.base.worklist"]
            .with_user(self.user)
            .search([("kind", "=", "slipping_away")])
        )
        self.assertIn(self.gone, lines.partner_id)
        self.assertNotIn(self.steady, lines.partner_id)
        line = lines.filtered(lambda line: line.partner_id == self.gone)
        self.assertIn("%", line.name)

    def test_holdout_longer_than_the_history(self):
        run = self._run_as_manager(prediction_holdout_weeks=520)
        self.assertEqual(run.prediction_state, "done")
        self.assertFalse(run.prediction_check_ids)
        self.assertIn("Not enough history", run.prediction_check_note)
        self.assertFalse(run.prediction_check_warning)


@tagged("post_install", "-at_install")
@freeze_time("2026-06-15")
class TestPredictionDegenerate(PredictionCase):
    """Bases the models cannot learn from: the run says so, stores nothing
    predictive, and its classes are there as always."""

    def _run_for(self, rows_of_company):
        company = self.env["res.company"].create({"name": "Small Shop"})
        rows = rows_of_company(company)
        if rows:
            self._confirmed_orders(rows, company=company)
        Run = self.env["client.base.analysis.run"]
        run = Run.create({**Run._default_values_for(company), **PERIOD})
        run.action_run()
        return run

    def _assert_nothing_predicted(self, run):
        self.assertEqual(run.prediction_state, "insufficient")
        self.assertIn("Not enough history to predict", run.prediction_note)
        self.assertFalse(run.bgnbd_r or run.gamma_gamma_p or run.prediction_check_ids)
        self.env.cr.execute(
            SQL(
                "SELECT COUNT(*) FROM client_base_analysis_line"
                " WHERE run_id = %s AND p_alive IS NOT NULL",
                run.id,
            )
        )
        self.assertEqual(self.env.cr.fetchone()[0], 0)

    def _clients(self, count):
        return self.env["res.partner"].create(
            [{"name": f"Walk-in {i}", "is_company": True} for i in range(count)]
        )

    def test_no_client(self):
        self._assert_nothing_predicted(self._run_for(lambda company: []))

    def test_one_client(self):
        client = self._clients(1)
        run = self._run_for(
            lambda company: [
                (client, date(2026, 1, 5), 100.0),
                (client, date(2026, 2, 5), 100.0),
            ]
        )
        self._assert_nothing_predicted(run)
        self.assertIn("1 clients", run.prediction_note)
        self.assertEqual(run.line_ids.partner_id, client)

    def test_ten_clients(self):
        clients = self._clients(10)
        run = self._run_for(
            lambda company: [
                (client, date(2026, month, 5), 100.0)
                for client in clients
                for month in (1, 3, 5)
            ]
        )
        self._assert_nothing_predicted(run)
        self.assertEqual(len(run.line_ids), 10)

    def test_no_repeat_buyer(self):
        clients = self._clients(40)
        run = self._run_for(
            lambda company: [
                (client, date(2026, 1, 1) + timedelta(days=i), 100.0)
                for i, client in enumerate(clients)
            ]
        )
        self._assert_nothing_predicted(run)
        self.assertIn("0 of them bought more than once", run.prediction_note)

    def test_prediction_switched_off(self):
        clients, rows = self._clients_buying(30, seed=5)
        company = self.env["res.company"].create(
            {"name": "No Forecasts", "client_prediction": False}
        )
        self._confirmed_orders(rows, company=company)
        Run = self.env["client.base.analysis.run"]
        run = Run.create({**Run._default_values_for(company), **PERIOD})
        run.action_run()
        self.assertFalse(run.prediction)
        self.assertEqual(run.prediction_state, "off")
        self.assertTrue(run.line_ids)
        self.assertFalse(any(run.line_ids.mapped("p_alive")))
        self.assertFalse(clients[0].with_company(company).client_predicted_status)


@tagged("post_install", "-at_install")
@freeze_time("2026-06-15")
class TestPredictionCost(PredictionCase):
    def _queries_of_a_run(self, clients, seed):
        company = self.env["res.company"].create({"name": f"Base of {clients}"})
        _partners, rows = self._clients_buying(clients, seed=seed, company=company)
        self._confirmed_orders(rows, company=company)
        Run = self.env["client.base.analysis.run"]
        run = Run.create({**Run._default_values_for(company), **PERIOD})
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        run.action_run()
        self.env.flush_all()
        self.assertEqual(run.prediction_state, "done")
        return self.env.cr.sql_log_count - before

    def test_queries_stay_flat_as_the_base_grows(self):
        self.assertEqual(
            self._queries_of_a_run(30, seed=11), self._queries_of_a_run(90, seed=12)
        )


@tagged("post_install", "-at_install")
class TestPredictionSettings(AnalysisCase):
    def test_bad_settings_are_refused_without_writing(self):
        company = self.company
        for fname, value in (
            ("client_prediction_holdout_weeks", 0),
            ("client_prediction_holdout_weeks", 10**12),
            ("client_prediction_discount_rate", -1),
            ("client_prediction_alive_limit", 0),
            ("client_prediction_alive_limit", 101),
            ("client_prediction_error_limit", 0),
        ):
            with self.subTest(fname=fname, value=value):
                before = company[fname]
                with self.assertRaises(ValidationError), self.env.cr.savepoint():
                    company.write({fname: value, "client_silent_days": 12})
                company.invalidate_recordset()
                self.assertEqual(company[fname], before)
                with self.assertRaises(ValidationError), self.env.cr.savepoint():
                    self.env["res.config.settings"].with_user(self.manager).create(
                        {fname: value}
                    )

    def test_settings_reach_a_new_run(self):
        self.company.write(
            {
                "client_prediction_holdout_weeks": 13,
                "client_prediction_discount_rate": 8,
                "client_prediction_error_limit": 30,
            }
        )
        values = self.env["client.base.analysis.run"]._default_values_for(self.company)
        self.assertEqual(values["prediction_holdout_weeks"], 13)
        self.assertEqual(values["prediction_discount_rate"], 8)
        self.assertEqual(values["prediction_error_limit"], 30)
        self.assertTrue(values["prediction"])
