"""Benchmark of the minimum order check on confirmation, on the large base.

Run with `make bench` after `make bench-data SCALE=333`. Confirms 1,000
quotations of 1,000 clients with an order history at once, with the check and
without it (the check, and so the outcome recorded, replaced by a no-op),
alternating the two, each run in a rolled-back savepoint, the quotations created
untimed before each run; prints the medians and their ratio (target: with the
check <= 1.2x without) and the queries the check itself issues.
"""

import statistics
import time
from unittest.mock import patch

import scoreboard

from odoo.fields import Command
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL

RUNS = 5
ORDERS = 1000


@tagged("-standard", "bench")
class BenchThresholds(TransactionCase):
    def test_confirm_a_thousand_orders(self):
        company = self.env.company
        self.env.cr.execute(
            SQL(
                """
                SELECT p.commercial_partner_id
                  FROM sale_order so JOIN res_partner p ON p.id = so.partner_id
                 WHERE so.state = 'sale' AND so.company_id = %s
                 GROUP BY 1 ORDER BY 1 LIMIT %s
                """,
                company.id,
                ORDERS,
            )
        )
        client_ids = [row[0] for row in self.env.cr.fetchall()]
        self.assertEqual(len(client_ids), ORDERS, "Generate the base: make bench-data")
        product = self.env["product.product"].create(
            {"name": "Bench Minimum Goods", "taxes_id": [], "lst_price": 250}
        )
        Rule = self.env["client.base.order.threshold"]
        Rule.search([("company_id", "=", company.id)]).action_archive()
        Rule.create({"amount_first": 0, "amount_repeat": 100})
        for index in range(10):
            tag = self.env["res.partner.category"].create({"name": f"Bench {index}"})
            Rule.create({"category_id": tag.id, "amount_repeat": 50 + index})
        SaleOrder = type(self.env["sale.order"])

        def quotations():
            return self.env["sale.order"].create(
                [
                    {
                        "partner_id": client_id,
                        "order_line": [
                            Command.create(
                                {"product_id": product.id, "price_unit": 250}
                            ),
                        ],
                    }
                    for client_id in client_ids
                ]
            )

        def confirm(checked):
            with self.env.cr.savepoint(flush=False) as savepoint:
                orders = quotations()
                self.env.flush_all()
                start = time.perf_counter()
                if checked:
                    orders.action_confirm()
                else:
                    with patch.object(
                        SaleOrder, "_client_threshold_check", lambda self: {}
                    ):
                        orders.action_confirm()
                self.env.flush_all()
                elapsed = time.perf_counter() - start
                self.assertEqual(set(orders.mapped("state")), {"sale"})
                savepoint.rollback()
                self.env.invalidate_all()
            return elapsed

        timings = {True: [], False: []}
        for _run in range(RUNS):
            for checked in (False, True):
                timings[checked].append(confirm(checked))
        without = statistics.median(timings[False])
        with_check = statistics.median(timings[True])

        with self.env.cr.savepoint(flush=False) as savepoint:
            orders = quotations()
            self.env.flush_all()
            before = self.env.cr.sql_log_count
            check_start = time.perf_counter()
            orders._client_threshold_blocked()
            check = time.perf_counter() - check_start
            queries = self.env.cr.sql_log_count - before
            savepoint.rollback()
        print(
            f"\nconfirming {ORDERS} quotations at once (median of {RUNS}, alternating)"
            f"\n  without the minimum order check: {without:7.3f} s"
            f"\n  with the check:                  {with_check:7.3f} s"
            f"  ratio {with_check / without:5.2f}  (target: <= 1.2)"
            f"\n  the check alone: {check:6.3f} s, {queries} queries"
        )
        scoreboard.record(
            "confirmation: with the minimum order check / without",
            with_check / without,
            1.2,
        )
