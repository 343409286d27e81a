"""Benchmark of a full client analysis (ABC + XYZ + RFM + snapshot + classes on
clients) on the large generated base, against the floor and the standard way.

Run with `make bench` after `make bench-data SCALE=333`. Prints, side by side in
one run (median of three, each rolled back):

- the floor: bare SQL revenue per client over the order lines (and the till's
  lines, with Odoo's Point of Sale; beside it, the same over orders);
- the standard way a consultant gets ABC in Odoo today: a read_group on
  sale.report by customer, then classifying in Python (ABC only);
- a full analysis run on the revenue basis (ABC + XYZ + RFM + snapshot; the
  clients' current classes are read from the latest snapshot, nothing is copied);
- beside it, full runs on the gross margin basis and on purchases counted from
  invoices (the company's setting; over one
  posted invoice header per order of the period and a refund for one in twenty,
  generated inside the benchmark's transaction and rolled back);
- the ABC×XYZ matrix pivot (read_group) on the new snapshot;

with the ratios to the floor (targets: within 3x, and no slower than the standard
way; the matrix faster than the floor) and the process's peak memory.
"""

import resource
import statistics
import time
from datetime import timedelta

import scoreboard

from odoo import fields
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL

from odoo.addons.client_base_analysis.models.client_base_analysis_line import (
    XYZ_DEFAULT_X,
    XYZ_DEFAULT_Y,
)
from odoo.addons.client_base_analysis.tools import clv

RUNS = 3


@tagged("-standard", "bench")
class BenchAnalysis(TransactionCase):
    def _timed(self, function):
        timings = []
        for _run in range(RUNS):
            with self.env.cr.savepoint(flush=False) as savepoint:
                start = time.perf_counter()
                function()
                timings.append(time.perf_counter() - start)
                savepoint.rollback()
                self.env.invalidate_all()
        return statistics.median(timings)

    def test_analysis_run(self):
        company = self.env.company
        Run = self.env["client.base.analysis.run"]
        # the suite's default XYZ limits, whatever the base was made with
        values = {
            **Run._default_values_for(company),
            "xyz_x": XYZ_DEFAULT_X,
            "xyz_y": XYZ_DEFAULT_Y,
        }
        date_from = values["date_from"]
        date_end = values["date_to"] + timedelta(days=1)

        till = "pos.order" in self.env  # purchases at the till are read too

        def floor(amount, lines_join, till_amount, till_join):
            """Bare revenue per client: over order lines (and the till's), or
            over orders (and the till's)."""
            till_rows = SQL(
                """
                UNION ALL
                SELECT p.commercial_partner_id, %s
                  FROM pos_order po %s
                  JOIN res_partner p ON p.id = po.partner_id
                 WHERE po.state IN ('paid', 'done', 'invoiced')
                   AND po.company_id = %s
                   AND po.date_order >= %s AND po.date_order < %s
                """,
                till_amount, till_join, company.id, date_from, date_end,
            ) if till else SQL()  # fmt: skip
            self.env.cr.execute(SQL(
                """
                SELECT client, SUM(amount) FROM (
                    SELECT p.commercial_partner_id AS client, %s AS amount
                      FROM sale_order so %s
                      JOIN res_partner p ON p.id = so.partner_id
                     WHERE so.state = 'sale' AND so.company_id = %s
                       AND so.date_order >= %s AND so.date_order < %s
                    %s
                ) purchases GROUP BY 1
                """,
                amount, lines_join, company.id, date_from, date_end, till_rows,
            ))  # fmt: skip
            self.env.cr.fetchall()

        def floor_lines():
            floor(
                SQL("l.price_subtotal"),
                SQL("JOIN sale_order_line l ON l.order_id = so.id"),
                SQL("pl.price_subtotal"),
                SQL("JOIN pos_order_line pl ON pl.order_id = po.id"),
            )

        def floor_orders():
            floor(
                SQL("so.amount_untaxed"),
                SQL(),
                SQL("po.amount_total - po.amount_tax"),
                SQL(),
            )

        def standard_way():
            groups = self.env["sale.report"]._read_group(
                [
                    ("state", "=", "sale"),
                    ("company_id", "=", company.id),
                    ("date", ">=", fields.Datetime.to_datetime(date_from)),
                    ("date", "<", fields.Datetime.to_datetime(date_end)),
                ],
                ["commercial_partner_id"],
                ["price_subtotal:sum"],
            )
            ranked = sorted(
                ((revenue, partner.id) for partner, revenue in groups if revenue > 0),
                key=lambda item: (-item[0], item[1]),
            )
            total = sum(revenue for revenue, _id in ranked)
            above, classes = 0.0, {}
            for revenue, partner_id in ranked:
                share_above = 100 * above / total
                classes[partner_id] = (
                    "A" if share_above < 80 else "B" if share_above < 95 else "C"
                )
                above += revenue
            return classes

        def full_run(basis="revenue"):
            Run.create({**values, "basis": basis}).action_run()

        def invoice_headers():
            """Posted invoice headers for the period's orders, set-based: the
            invoice basis reads nothing else."""
            journal = self.env["account.journal"].search(
                [("type", "=", "sale"), ("company_id", "=", company.id)], limit=1
            )
            self.env.cr.execute(SQL(
                """
                INSERT INTO account_move (
                    journal_id, currency_id, company_id, state, move_type,
                    auto_post, date, invoice_date, partner_id,
                    commercial_partner_id, amount_untaxed, amount_untaxed_signed)
                SELECT %(journal)s, %(currency)s, so.company_id, 'posted', kind.type,
                       'no', so.date_order::date, so.date_order::date, so.partner_id,
                       p.commercial_partner_id, so.amount_untaxed,
                       CASE kind.type WHEN 'out_refund' THEN -0.5 ELSE 1 END
                           * so.amount_untaxed
                  FROM sale_order so
                  JOIN res_partner p ON p.id = so.partner_id
                  JOIN LATERAL (
                      SELECT 'out_invoice' AS type
                      UNION ALL SELECT 'out_refund' WHERE mod(so.id, 20) = 0
                  ) kind ON TRUE
                 WHERE so.state = 'sale' AND so.company_id = %(company)s
                   AND so.date_order >= %(date_from)s
                """,
                journal=journal.id, currency=company.currency_id.id,
                company=company.id,
                date_from=date_from - timedelta(days=31),
            ))  # fmt: skip
            return self.env.cr.rowcount

        def matrix(run):
            return self.env["client.base.analysis.line"]._read_group(
                [("run_id", "=", run.id)],
                ["abc_class", "xyz_class"],
                ["__count", "revenue:sum", "share:sum"],
            )

        lines = self._timed(floor_lines)
        orders = self._timed(floor_orders)
        standard = self._timed(standard_way)
        full = self._timed(full_run)
        unpredicted = self._timed(
            lambda: Run.create({**values, "prediction": False}).action_run()
        )
        margin = self._timed(lambda: full_run("margin"))
        before = self.env.cr.sql_log_count
        run = Run.create(values)
        run.action_run()
        queries = self.env.cr.sql_log_count - before
        self.assertTrue(run.line_ids, "Generate the base first: make bench-data")
        pivot = self._timed(lambda: matrix(run))
        # the prediction's parts: its histories (one query) and the fits
        draft = Run.create(values)
        check_from = draft.date_to - timedelta(weeks=draft.prediction_holdout_weeks)
        start = time.perf_counter()
        histories = draft._prediction_histories(check_from)
        histories_time = time.perf_counter() - start
        x, t_x, age = histories["frequency"], histories["recency"], histories["age"]
        start = time.perf_counter()
        clv.fit_bgnbd(x, t_x, age)
        bgnbd_time = time.perf_counter() - start
        monetary = histories["repeat_amount"] / x.clip(min=1)
        start = time.perf_counter()
        clv.fit_gamma_gamma(x, monetary)
        gamma_gamma_time = time.perf_counter() - start
        with self.env.cr.savepoint(flush=False) as savepoint:
            headers = invoice_headers()
            company.client_purchase_basis = "invoice"
            invoice = self._timed(
                lambda: Run.create({**values, "purchase_basis": "invoice"}).action_run()
            )
            savepoint.rollback()
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"\nclient analysis of {values['date_from']} - {values['date_to']}"
            f" ({len(run.line_ids)} clients classified)"
            f"\n  floor, revenue per client over order lines: {lines:7.3f} s"
            f"\n  (same over orders:                          {orders:7.3f} s)"
            f"\n  standard way (sale.report read_group, ABC): {standard:7.3f} s"
            f"  ratio {standard / lines:5.2f}"
            f"\n  full analysis run (ABC+XYZ+RFM+snapshot):   {full:7.3f} s"
            f"  ratio {full / lines:5.2f}  (targets: <= 3, <= standard)"
            f"\n    without the predicted client value:      {unpredicted:7.3f} s"
            f"  ratio {unpredicted / lines:5.2f}"
            f"\n    the prediction adds                      {full - unpredicted:7.3f}"
            " s"
            f"  ratio {(full - unpredicted) / lines:5.2f}  (target: <= 1)"
            f"\n      its histories ({len(x)} clients, one query):"
            f" {histories_time:7.3f} s"
            f"\n      BG/NBD fit: {bgnbd_time:6.3f} s,"
            f" {run.bgnbd_iterations} iterations;"
            f" Gamma-Gamma fit: {gamma_gamma_time:6.3f} s,"
            f" {run.gamma_gamma_iterations} iterations ({run.prediction_state})"
            f"\n    the same on the gross margin basis:       {margin:7.3f} s"
            f"  ratio {margin / lines:5.2f}"
            f"\n    the same on the invoice basis:            {invoice:7.3f} s"
            f"  ratio {invoice / lines:5.2f}  ({headers} invoice headers)"
            f"\n  queries of one run: {queries}"
            f"\n  ABC×XYZ matrix pivot on the snapshot:       {pivot:7.3f} s"
            f"  ratio {pivot / lines:5.2f}  (target: < 1)"
            f"\n  peak memory of this process: {peak_mb:.0f} MB (target < 1024)"
        )
        clients = len(run.line_ids)
        for figure, value, target, seconds in (
            ("analysis: full run / lines floor", full / lines, 3, full),
            ("analysis: full run / orders floor", full / orders, 3, full),
            ("analysis: full run / standard way", full / standard, 1, None),
            ("analysis: the prediction adds", (full - unpredicted) / lines, 1,
             full - unpredicted),
            ("analysis: margin basis / lines floor", margin / lines, 3, margin),
            ("analysis: invoice basis / lines floor", invoice / lines, 3, invoice),
            ("analysis: ABC x XYZ matrix / lines floor", pivot / lines, 1, pivot),
        ):  # fmt: skip
            scoreboard.record(figure, value, target, seconds=seconds, clients=clients)
        scoreboard.record("analysis: peak memory", peak_mb, 1024, unit="MB")
        # the default XYZ limits separate the clients: no class holds most
        by_xyz = {}
        for _abc, xyz, count, _revenue, _share in matrix(run):
            if xyz:
                by_xyz[xyz] = by_xyz.get(xyz, 0) + count
        classified = sum(by_xyz.values())
        shares = {xyz: 100 * by_xyz.get(xyz, 0) / classified for xyz in "XYZ"}
        print(
            "  XYZ classes with the default limits:"
            + ", ".join(
                f" {xyz} {by_xyz.get(xyz, 0)} ({shares[xyz]:.0f}%)" for xyz in "XYZ"
            )
        )
        scoreboard.record(
            "analysis: largest XYZ class, % of classified clients",
            max(shares.values()),
            70,
            unit="%",
            exact=True,
        )
