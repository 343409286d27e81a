"""Benchmark of the till's customer load on the large generated base: the
POS loads its customers with their Client Base badge (status, tier, ABC
class, a round date soon) in one read.

Run with `make bench` after `make bench-data SCALE=333` (client_base_pos is
installed there with Odoo's Point of Sale). Prints, side by side in one run
(median of three), the POS's own partner fields read for 100 and for 1,000
clients without and with the badge, and the ratios (targets: the till's
default load, 100 customers, answers within 0.3 s with their badges, as any
request a person waits for; per customer, 1,000 cost no more than 1.3x what
100 cost).
"""

import statistics
import time

import scoreboard

from odoo.tests import TransactionCase, tagged

RUNS = 3


@tagged("-standard", "bench")
class BenchTill(TransactionCase):
    def _timed(self, function):
        timings = []
        for _run in range(RUNS):
            self.env.invalidate_all()
            start = time.perf_counter()
            function()
            timings.append(time.perf_counter() - start)
        return statistics.median(timings)

    def test_customer_load_with_badges(self):
        Partner = self.env["res.partner"]
        self.assertIn("client_pos_badge", Partner._fields, "Install client_base_pos")
        self.env.cr.execute(
            "SELECT DISTINCT partner_id FROM pos_order WHERE partner_id IS NOT NULL"
            " ORDER BY partner_id LIMIT 1000"
        )
        ids = [row[0] for row in self.env.cr.fetchall()]
        self.assertEqual(len(ids), 1000, "Generate the base first: make bench-data")
        fields = Partner._load_pos_data_fields(False)
        bare = [name for name in fields if name != "client_pos_badge"]
        report = ["\ntill: customers loaded with the POS's partner fields"]
        per_customer = {}
        for count in (100, 1000):
            partners = Partner.browse(ids[:count])
            without = self._timed(lambda partners=partners: partners.read(bare))
            with_badge = self._timed(lambda partners=partners: partners.read(fields))
            per_customer[count] = with_badge / count
            ratio = with_badge / without
            target = "  (target <= 0.3 s)" if count == 100 else ""
            report.append(
                f"\n  {count:>5} customers: without badge {without:7.3f} s,"
                f" with badge {with_badge:7.3f} s  ratio {ratio:5.2f}{target}"
            )
            if count == 100:
                scoreboard.record(
                    "till: 100 customers with their badges", with_badge, 0.3, "s"
                )
        growth = per_customer[1000] / per_customer[100]
        report.append(
            f"\n  per customer, 1,000 against 100: {growth:5.2f}  (target <= 1.3)"
        )
        scoreboard.record("till: per customer, 1,000 against 100", growth, 1.3)
        print("".join(report))
