# One file per feature of the model (see the module's other files of it).
# pylint: disable=consider-merging-classes-inherited
from datetime import date, datetime, time, timedelta

import numpy as np

from odoo import api, fields, models
from odoo.tools import SQL, float_round

from ..tools import clv

PREDICTION_STATES = [
    ("off", "Not predicted"),
    ("done", "Predicted"),
    ("insufficient", "Not enough history to predict"),
]
# the model check's rows: clients by their repeat purchases before the held-out
# weeks, 0 to 6, then 7 and more
CHECK_GROUPS = 8
# horizons of the per-client predictions, in days (the runs' time unit)
SHORT_HORIZON = 90
YEAR = 365
# history columns, in the order of _prediction_histories_sql
HISTORY = (
    "client_id",
    "frequency",
    "recency",
    "age",
    "repeat_amount",
    "check_frequency",
    "check_recency",
    "check_age",
    "check_actual",
)


class ClientBaseAnalysisRun(models.Model):
    """The predicted client value of a run: BG/NBD (will the client buy again,
    how often) and Gamma-Gamma (what a purchase is worth) fitted on all the
    company's purchases up to the period end, in days; each client line gets
    its chance of still buying, its expected purchases and its expected value,
    and the run a model check against held-out weeks."""

    _inherit = "client.base.analysis.run"

    prediction = fields.Boolean(
        string="Predict Client Value",
        default=True,
        help="Fit the BG/NBD and Gamma-Gamma models and predict each client's "
        "purchases and value (the company's setting when the analysis was made).",
    )
    prediction_holdout_weeks = fields.Integer(
        string="Model Check Over (weeks)", default=26
    )
    prediction_discount_rate = fields.Float(
        string="Discount Rate (% a year)", digits=(16, 2)
    )
    prediction_error_limit = fields.Float(
        string="Model Check Warning Above (% error)", default=20.0, digits=(16, 2)
    )
    prediction_state = fields.Selection(
        PREDICTION_STATES, string="Prediction", default="off", readonly=True
    )
    prediction_note = fields.Char(readonly=True)
    bgnbd_r = fields.Float(string="BG/NBD r", digits=(16, 4), readonly=True)
    bgnbd_alpha = fields.Float(
        string="BG/NBD α (days)",
        digits=(16, 4),
        readonly=True,
        help="Scale of the purchase rates, in days.",
    )
    bgnbd_a = fields.Float(string="BG/NBD a", digits=(16, 4), readonly=True)
    bgnbd_b = fields.Float(string="BG/NBD b", digits=(16, 4), readonly=True)
    bgnbd_log_likelihood = fields.Float(
        string="BG/NBD Log-Likelihood", digits=(16, 2), readonly=True
    )
    bgnbd_clients = fields.Integer(string="Clients Fitted", readonly=True)
    bgnbd_iterations = fields.Integer(string="BG/NBD Iterations", readonly=True)
    gamma_gamma_p = fields.Float(string="Gamma-Gamma p", digits=(16, 4), readonly=True)
    gamma_gamma_q = fields.Float(string="Gamma-Gamma q", digits=(16, 4), readonly=True)
    gamma_gamma_v = fields.Float(
        string="Gamma-Gamma v",
        digits=(16, 4),
        readonly=True,
        help="Scale of the purchase values, in the company's currency.",
    )
    gamma_gamma_clients = fields.Integer(string="Repeat Buyers Fitted", readonly=True)
    gamma_gamma_iterations = fields.Integer(
        string="Gamma-Gamma Iterations", readonly=True
    )
    prediction_check_ids = fields.One2many(
        "client.base.analysis.prediction.check", "run_id", string="Model Check"
    )
    prediction_check_from = fields.Date(
        string="Held Out From",
        readonly=True,
        help="The model was fitted again on the purchases before this day, and "
        "its prediction set against the purchases from then to the period end.",
    )
    prediction_check_predicted = fields.Float(
        string="Predicted Purchases", digits=(16, 1), readonly=True
    )
    prediction_check_actual = fields.Integer(string="Actual Purchases", readonly=True)
    prediction_check_error = fields.Float(
        string="Model Check Error (%)",
        digits=(16, 1),
        readonly=True,
        help="Predicted less actual purchases of the held-out weeks, in per cent "
        "of the actual ones.",
    )
    prediction_check_note = fields.Char(string="Model Check Note", readonly=True)
    prediction_check_warning = fields.Boolean(
        compute="_compute_prediction_check_warning",
        help="The model check misses by more than the warning limit.",
    )

    @api.depends("prediction_check_ids", "prediction_check_error")
    def _compute_prediction_check_warning(self):
        for run in self:
            run.prediction_check_warning = bool(run.prediction_check_ids) and (
                abs(run.prediction_check_error) > run.prediction_error_limit
            )

    @api.constrains(
        "prediction_holdout_weeks", "prediction_discount_rate", "prediction_error_limit"
    )
    def _check_prediction_parameters(self):
        for run in self:
            self.env["res.company"]._check_client_prediction_values(
                [
                    {
                        "client_prediction_holdout_weeks": run.prediction_holdout_weeks,
                        "client_prediction_discount_rate": run.prediction_discount_rate,
                        "client_prediction_error_limit": run.prediction_error_limit,
                    }
                ]
            )

    @api.model
    def _default_values_for(self, company, date_to=None):
        return {
            **super()._default_values_for(company, date_to),
            "prediction": company.client_prediction,
            "prediction_holdout_weeks": company.client_prediction_holdout_weeks,
            "prediction_discount_rate": company.client_prediction_discount_rate,
            "prediction_error_limit": company.client_prediction_error_limit,
        }

    # -- the prediction -----------------------------------------------------

    def _prediction_reset(self):
        """Every result field of the prediction, empty: a run's results are
        what it computed, never values it was created with."""
        return {
            fname: False
            for fname, field in self._fields.items()
            if field.model_name == self._name
            and (
                fname.startswith(("bgnbd_", "gamma_gamma_", "prediction_check_"))
                or fname == "prediction_note"
            )
            and field.store
            and field.type != "one2many"
        } | {"prediction_state": "off"}

    def _run_results(self):
        results = {**super()._run_results(), **self._prediction_reset()}
        if self.prediction:
            results.update(self._predict())
        return results

    def _prediction_histories_sql(self, check_from):
        """SQL rows (``HISTORY``) of every client who bought from the company
        up to the period end, in days: repeat purchase days, first to last
        purchase day, first purchase day to the period end, the amount of the
        purchases after the first day (on the run's basis, refunds included);
        the same up to ``check_from`` (the model check's calibration) and the
        purchase days after it."""
        self.ensure_one()
        counted_before = SQL("counted AND day <= %s", check_from)
        return SQL(
            """
            WITH days AS (%(days)s),
            -- each buyer's first purchase day (hashed, as the grouping below:
            -- no sort of the whole history)
            firsts AS (
                SELECT client_id, MIN(day) AS first_day
                  FROM days WHERE counted GROUP BY client_id
            )
            SELECT d.client_id,
                   COUNT(*) FILTER (WHERE counted) - 1,
                   MAX(day) FILTER (WHERE counted) - f.first_day,
                   %(date_to)s - f.first_day,
                   -- one row per day: all but the first purchase day's amount
                   COALESCE(SUM(amount) FILTER (WHERE day <> f.first_day), 0),
                   COUNT(*) FILTER (WHERE %(before)s) - 1,
                   MAX(day) FILTER (WHERE %(before)s) - f.first_day,
                   %(check_from)s - f.first_day,
                   COUNT(*) FILTER (WHERE counted AND day > %(check_from)s)
              FROM days d
              JOIN firsts f ON f.client_id = d.client_id
             GROUP BY d.client_id, f.first_day
             ORDER BY d.client_id
            """,
            days=self._prediction_days_sql(),
            date_to=self.date_to,
            check_from=check_from,
            before=counted_before,
        )

    def _prediction_days_sql(self):
        """SQL rows ``client_id, day, amount, counted`` of the company's
        purchase days up to the period end, the amount on the run's basis
        (revenue or margin, refunds included): from the purchases' summary by
        day when the run counts purchases as the company does now, else from
        the documents on the run's own basis."""
        amount = "margin" if self.basis == "margin" else "amount"
        if self.purchase_basis == self.company_id.client_purchase_basis:
            self.env["client.base.purchase.day"]._client_base_flush_sources()
            return SQL(
                """
                SELECT summary.partner_id AS client_id, summary.day,
                       %(amount)s AS amount, summary.orders > 0 AS counted
                  FROM client_base_purchase_day summary
                 WHERE summary.company_id = %(company)s
                   AND summary.day <= %(date_to)s
                """,
                amount=SQL.identifier("summary", amount),
                company=self.company_id.id,
                date_to=self.date_to,
            )
        return SQL(
            """
            SELECT purchase.partner_id AS client_id, purchase.day,
                   SUM(%(amount)s) AS amount, bool_or(purchase.counted) AS counted
              FROM (%(purchases)s) purchase
             WHERE purchase.day <= %(date_to)s
               -- the same bound on the UTC moment, whatever the time zone,
               -- for the indexes of the documents
               AND purchase.date < %(until)s
             GROUP BY 1, 2
            """,
            amount=SQL.identifier("purchase", amount),
            purchases=self.env["client.base.purchase"]._purchase_query(
                self.company_id, self.purchase_basis
            ),
            date_to=self.date_to,
            until=datetime.combine(self.date_to + timedelta(days=2), time()),
        )

    def _prediction_histories(self, check_from):
        """``{column: numpy array}`` of ``_prediction_histories_sql``."""
        self.env.cr.execute(self._prediction_histories_sql(check_from))
        rows = self.env.cr.fetchall()
        table = np.array(rows, dtype=float).reshape(len(rows), len(HISTORY))
        return dict(zip(HISTORY, table.T, strict=True))

    def _not_enough_history(self, histories, error):
        clients = len(histories["client_id"])
        repeat = int(np.count_nonzero(histories["frequency"] > 0))
        if clients < clv.MIN_CLIENTS or repeat < clv.MIN_REPEAT_BUYERS:
            return self.env._(
                "%(clients)s clients, %(repeat)s of them bought more than once: "
                "a prediction needs at least %(min_clients)s clients and "
                "%(min_repeat)s who bought again.",
                clients=clients,
                repeat=repeat,
                min_clients=clv.MIN_CLIENTS,
                min_repeat=clv.MIN_REPEAT_BUYERS,
            )
        return self.env._("the purchases do not let the model settle (%s).", str(error))

    def _predict(self):
        """Fit both models, write each client line's predictions (one UPDATE)
        and return the run's values: parameters and model check, or why it
        could not predict (nothing predictive is stored then)."""
        self.ensure_one()
        # not before the calendar's first day (an absurdly early period)
        check_from = max(
            self.date_to
            - timedelta(
                days=min(
                    7 * self.prediction_holdout_weeks, (self.date_to - date.min).days
                )
            ),
            date.min,
        )
        histories = self._prediction_histories(check_from)
        x, t_x, age = histories["frequency"], histories["recency"], histories["age"]
        monetary = np.divide(
            histories["repeat_amount"],
            x,
            out=np.zeros_like(x),
            where=x > 0,
        )
        try:
            with np.errstate(all="ignore"):
                bgnbd = clv.fit_bgnbd(x, t_x, age)
                gamma_gamma = clv.fit_gamma_gamma(x, monetary)
                predicted = {
                    "p_alive": clv.p_alive(bgnbd, x, t_x, age),
                    "expected_purchases_90": clv.expected_purchases(
                        bgnbd, SHORT_HORIZON, x, t_x, age
                    ),
                    "expected_purchases_365": clv.expected_purchases(
                        bgnbd, YEAR, x, t_x, age
                    ),
                    "expected_average_value": clv.expected_average_value(
                        gamma_gamma, x, np.maximum(monetary, 0)
                    ),
                    "predicted_value": clv.expected_value(
                        bgnbd,
                        gamma_gamma,
                        x,
                        t_x,
                        age,
                        np.maximum(monetary, 0),
                        YEAR,
                        discount_rate=self.prediction_discount_rate / 100,
                    ),
                }
            if not all(np.all(np.isfinite(values)) for values in predicted.values()):
                raise clv.FitError("the predictions are not finite")
        except clv.FitError as error:
            return {
                "prediction_state": "insufficient",
                "prediction_note": self.env._(
                    "Not enough history to predict: %s",
                    self._not_enough_history(histories, error),
                ),
            }
        self._write_line_predictions(histories["client_id"], predicted)
        return {
            "prediction_state": "done",
            "prediction_note": False,
            "bgnbd_r": bgnbd["r"],
            "bgnbd_alpha": bgnbd["alpha"],
            "bgnbd_a": bgnbd["a"],
            "bgnbd_b": bgnbd["b"],
            "bgnbd_log_likelihood": bgnbd["log_likelihood"],
            "bgnbd_clients": bgnbd["clients"],
            "bgnbd_iterations": bgnbd["iterations"],
            "gamma_gamma_p": gamma_gamma["p"],
            "gamma_gamma_q": gamma_gamma["q"],
            "gamma_gamma_v": gamma_gamma["v"],
            "gamma_gamma_clients": gamma_gamma["clients"],
            "gamma_gamma_iterations": gamma_gamma["iterations"],
            **self._prediction_check(histories, check_from),
        }

    def _write_line_predictions(self, client_ids, predicted):
        """One UPDATE of the run's lines from arrays (a client without a line,
        who bought before the period only, informs the fit and nothing else);
        the value at risk is the line's yearly revenue times the chance that
        the client has gone."""
        period_days = (self.date_to - self.date_from).days + 1

        def array(values, pattern="%.10g"):
            return "{" + ",".join(pattern % value for value in values) + "}"

        self.env["client.base.analysis.line"].flush_model()
        self.env.cr.execute(
            SQL(
                """
                UPDATE client_base_analysis_line line
                   SET p_alive = v.p_alive,
                       expected_purchases_90 = v.expected_90,
                       expected_purchases_365 = v.expected_365,
                       expected_average_value = v.average_value,
                       predicted_value = v.predicted_value,
                       value_at_risk = GREATEST(line.revenue, 0) * %(per_year)s
                                       * (1 - v.p_alive)
                  FROM unnest(%(clients)s::int[], %(p_alive)s::float8[],
                              %(expected_90)s::float8[], %(expected_365)s::float8[],
                              %(average_value)s::float8[], %(value)s::float8[])
                       AS v(partner_id, p_alive, expected_90, expected_365,
                            average_value, predicted_value)
                 WHERE line.run_id = %(run)s AND line.partner_id = v.partner_id
                """,
                per_year=YEAR / period_days,
                clients=array(client_ids, "%d"),
                p_alive=array(predicted["p_alive"]),
                expected_90=array(predicted["expected_purchases_90"]),
                expected_365=array(predicted["expected_purchases_365"]),
                average_value=array(predicted["expected_average_value"]),
                value=array(predicted["predicted_value"]),
                run=self.id,
            )
        )
        self.env["client.base.analysis.line"].invalidate_model()

    def _prediction_check(self, histories, check_from):
        """The run's model check: BG/NBD fitted again on the purchases before
        ``check_from``, its expected purchases of each client from then to the
        period end set against the client's actual purchase days, by the
        client's repeat purchases before (0 to 6, 7 and more)."""
        known = histories["check_age"] >= 0
        x = histories["check_frequency"][known]
        t_x = histories["check_recency"][known]
        age = histories["check_age"][known]
        actual = histories["check_actual"][known]
        values = {"prediction_check_from": check_from}
        try:
            with np.errstate(all="ignore"):
                params = clv.fit_bgnbd(x, t_x, age)
                expected = clv.expected_purchases(
                    params, (self.date_to - check_from).days, x, t_x, age
                )
            if not np.all(np.isfinite(expected)):
                raise clv.FitError("the predictions are not finite")
        except clv.FitError:
            values["prediction_check_note"] = self.env._(
                "Not enough history before %(date)s to check the model over the "
                "last %(weeks)s weeks: shorten the check in the settings.",
                date=fields.Date.to_string(check_from),
                weeks=self.prediction_holdout_weeks,
            )
            return values
        group = np.minimum(x, CHECK_GROUPS - 1).astype(int)
        clients = np.bincount(group, minlength=CHECK_GROUPS)
        predicted_sums = np.bincount(group, weights=expected, minlength=CHECK_GROUPS)
        actual_sums = np.bincount(group, weights=actual, minlength=CHECK_GROUPS)
        total_actual = int(actual_sums.sum())
        total_predicted = float(predicted_sums.sum())
        values.update(
            prediction_check_predicted=total_predicted,
            prediction_check_actual=total_actual,
        )
        # the run's own result, as its lines are: one INSERT, whoever runs it
        kept = np.flatnonzero(clients)
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO client_base_analysis_prediction_check
                       (run_id, repeat_purchases, clients, predicted, actual)
                SELECT %s, * FROM unnest(%s::int[], %s::int[], %s::float8[],
                                         %s::int[])
                """,
                self.id,
                kept.tolist(),
                clients[kept].tolist(),
                predicted_sums[kept].tolist(),
                actual_sums[kept].astype(int).tolist(),
            )
        )
        self.env["client.base.analysis.prediction.check"].invalidate_model()
        if total_actual:
            values["prediction_check_error"] = float_round(
                100 * (total_predicted - total_actual) / total_actual, 1
            )
        else:
            values["prediction_check_note"] = self.env._(
                "No client bought in the held-out weeks: the model cannot be "
                "checked against them."
            )
        return values
