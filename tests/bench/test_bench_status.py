"""Benchmark of the lifecycle status job on a large generated base.

Run with `make bench` after `make bench-data SCALE=333` (about 100,000 clients and
2,000,000 order lines). Prints, measured side by side in one run (median of three,
each in a rolled-back savepoint):

- the floor: one bare SQL aggregate of revenue per client over the order lines
  (and the till's lines, with Odoo's Point of Sale);
- the first computation of every client's status on that base, and the
  build and daily check of the purchases' summary by day it reads;
- the daily job on a normal day (a few hundred new orders, time moving on);

and the ratios to the floor (targets: the daily job within 2x, the first
computations within 5x), recorded on the scoreboard.
"""

import statistics
import time
from datetime import datetime, timedelta

import scoreboard

from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL

RUNS = 3


@tagged("-standard", "bench")
class BenchStatus(TransactionCase):
    def _timed(self, function, setup=None):
        """Median time of ``function`` (after an untimed ``setup``), rolled back."""
        timings = []
        for _run in range(RUNS):
            with self.env.cr.savepoint(flush=False) as savepoint:
                if setup:
                    setup()
                start = time.perf_counter()
                function()
                timings.append(time.perf_counter() - start)
                savepoint.rollback()
        return statistics.median(timings)

    def _floor(self):
        # the lines the job reads: of confirmed orders, and of the till's
        # purchases when Odoo's Point of Sale is there
        till = (
            SQL(
                """
                UNION ALL
                SELECT p.commercial_partner_id, l.price_subtotal
                  FROM pos_order_line l
                  JOIN pos_order po ON po.id = l.order_id
                  JOIN res_partner p ON p.id = po.partner_id
                 WHERE po.state IN ('paid', 'done', 'invoiced')
                   AND po.company_id = %s
                """,
                self.env.company.id,
            )
            if "pos.order" in self.env
            else SQL()
        )
        self.env.cr.execute(
            SQL(
                """
                SELECT client, SUM(amount), COUNT(*) FROM (
                    SELECT p.commercial_partner_id AS client, l.price_subtotal AS amount
                      FROM sale_order_line l
                      JOIN sale_order so ON so.id = l.order_id
                      JOIN res_partner p ON p.id = so.partner_id
                     WHERE so.state = 'sale' AND so.company_id = %s
                    %s
                ) lines GROUP BY client
                """,
                self.env.company.id,
                till,
            )
        )
        self.env.cr.fetchall()

    def _reset_statuses(self):
        self.env.cr.execute(
            SQL(
                """
                UPDATE res_partner SET client_status = NULL, client_status_date = NULL,
                       client_first_order_date = NULL, client_last_order_date = NULL,
                       client_order_count = NULL, client_order_gap_days = NULL
                """
            )
        )
        self.env.cr.execute(SQL("DELETE FROM client_base_status_history"))

    def _normal_day(self, today):
        """Today's orders: one order for about 0.3% of the clients with orders,
        their purchases' summary by day brought in line as their confirmation
        does (timed with the confirmations, in the threshold bench)."""
        self.env.cr.execute(
            SQL(
                """
                UPDATE sale_order SET date_order = %s
                 WHERE id IN (SELECT MAX(so.id) FROM sale_order so
                               WHERE so.state = 'sale'
                               GROUP BY so.partner_id
                               ORDER BY so.partner_id LIMIT %s)
                RETURNING partner_id
                """,
                datetime.combine(today, datetime.min.time()) + timedelta(hours=10),
                300,
            )
        )
        partners = self.env["res.partner"].browse(
            row[0] for row in self.env.cr.fetchall()
        )
        self.env["client.base.purchase.day"]._client_base_refresh(
            client_ids=partners.commercial_partner_id.ids
        )

    def test_status_job(self):
        Partner = self.env["res.partner"]
        company = self.env.company
        self.env.cr.execute(
            SQL(
                "SELECT COUNT(*) FROM sale_order_line l JOIN sale_order so"
                " ON so.id = l.order_id WHERE so.state = 'sale'"
            )
        )
        lines = self.env.cr.fetchone()[0]
        clients = Partner.search_count(Partner._get_client_domain())
        today = datetime.now().date()

        def first_computation():
            Partner._client_base_refresh_status(company, cause="initial", today=today)

        def summary_build():
            # as on install, before the first statuses
            self.env["client.base.purchase.day"]._client_base_refresh(company=company)

        def summary_check():
            # the daily check of an unchanged base
            self.env["client.base.purchase.day"]._client_base_refresh(company=company)

        def drop_summary():
            self.env.cr.execute(SQL("DELETE FROM client_base_purchase_day"))

        self._reset_statuses()
        Partner._client_base_refresh_status(company, cause="initial", today=today)
        tomorrow = today + timedelta(days=1)

        def daily_job():
            Partner._client_base_refresh_status(
                company, cause="silence", today=tomorrow
            )

        floor = self._timed(self._floor)
        first = self._timed(first_computation, setup=self._reset_statuses)
        build = self._timed(summary_build, setup=drop_summary)
        check = self._timed(summary_check)
        daily = self._timed(daily_job, setup=lambda: self._normal_day(tomorrow))
        print(
            f"\nstatus job on {clients} clients, {lines} confirmed order lines"
            f"\n  floor (bare SQL aggregate per client): {floor:8.3f} s"
            f"\n  first computation:                     {first:8.3f} s"
            f"  ratio {first / floor:5.2f}"
            f"\n  purchases' summary by day built:      {build:8.3f} s"
            f"  ratio {build / floor:5.2f}"
            f"\n  purchases' summary daily check:      {check:8.3f} s"
            f"  ratio {check / floor:5.2f}"
            f"\n  daily job (normal day):                {daily:8.3f} s"
            f"  ratio {daily / floor:5.2f}  (target <= 2)"
        )
        for figure, seconds, target in (
            ("status: first computation", first, 5),
            ("status: purchases' summary built", build, 5),
            ("status: purchases' summary daily check", check, None),
            ("status: daily job", daily, 2),
        ):
            scoreboard.record(
                figure, seconds / floor, target, seconds=seconds, clients=clients
            )
        self.assertGreater(lines, 0, "Generate the base first: make bench-data")
