"""Benchmark of the daily contact-standards job on the large generated base.

Run with `make bench` after `make bench-data SCALE=333` (about 100,000 clients).
Sets one contact standard for all clients whose interval leaves about 2% of them
due, then prints, measured side by side in one run (median of three, each in a
rolled-back savepoint):

- the floor: one bare SQL aggregate of each client's latest message and latest
  confirmed order;
- the daily job on a normal day: the due contacts and verifications scheduled for
  the salespeople within their cap (the clients' dates are kept current by the
  events that move them: messages, orders, status changes), with its queries;
- beside it, a full recomputation of every client's dates, as when a standard or
  a setting changes (from empty dates: every client written);

and the ratios to the floor (targets: the daily job within 3x, a full
recomputation within 5x), recorded on the scoreboard.
"""

import statistics
import time

import scoreboard

from odoo import fields
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL

RUNS = 3


@tagged("-standard", "bench")
class BenchContacts(TransactionCase):
    def _timed(self, function, setup=None):
        timings = []
        for _run in range(RUNS):
            with self.env.cr.savepoint(flush=False) as savepoint:
                if setup:
                    setup()
                self.env.flush_all()
                start = time.perf_counter()
                function()
                self.env.flush_all()
                timings.append(time.perf_counter() - start)
                savepoint.rollback()
                self.env.invalidate_all()
        return statistics.median(timings)

    def test_daily_contact_job(self):
        company = self.env.company
        today = fields.Date.context_today(self.env.user)
        Partner = self.env["res.partner"]

        def floor():
            self.env.cr.execute(
                SQL(
                    """
                    SELECT client_id, MAX(day) FROM (
                        SELECT p.commercial_partner_id AS client_id,
                               MAX(m.date)::date AS day
                          FROM mail_message m
                          JOIN res_partner p ON p.id = m.res_id
                         WHERE m.model = 'res.partner'
                         GROUP BY 1
                        UNION ALL
                        SELECT p.commercial_partner_id, MAX(so.date_order)::date
                          FROM sale_order so
                          JOIN res_partner p ON p.id = so.partner_id
                         WHERE so.state = 'sale' AND so.company_id = %s
                         GROUP BY 1
                    ) events GROUP BY client_id
                    """,
                    company.id,
                )
            )
            return self.env.cr.fetchall()

        last_days = [day for __, day in floor() if day]
        self.assertGreater(len(last_days), 50000, "Generate the base: make bench-data")
        silences = sorted((today - day).days for day in last_days)
        interval = max(silences[int(len(silences) * 0.98)], 1)
        Rule = self.env["client.base.contact.rule"]
        Rule.with_context(active_test=False).search([]).unlink()
        Rule.create({"kind": "contact", "interval_days": interval})

        def reset():
            self.env.cr.execute(
                "UPDATE res_partner SET client_last_contact_date = NULL,"
                " client_next_contact_date = NULL, client_next_verification_date = NULL"
            )

        def full_refresh():
            Partner._client_contact_refresh(company, today=today)

        def job():
            Partner._cron_client_contact_activities(today=today)

        floor_time = self._timed(floor)
        full = self._timed(full_refresh, setup=reset)
        full_refresh()  # kept: the dates are in place, what follows is a normal day
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "SELECT COUNT(*) FROM res_partner"
                " WHERE (client_next_contact_date ->> %s)::date <= %s",
                str(company.id),
                today,
            )
        )
        due = self.env.cr.fetchone()[0]
        self.env["mail.activity"].search(
            [("activity_type_id.res_model", "=", "res.partner")]
        ).unlink()
        daily = self._timed(job)
        before = self.env.cr.sql_log_count
        job()
        queries = self.env.cr.sql_log_count - before
        scheduled = self.env["mail.activity"].search_count(
            [("automated", "=", True), ("date_deadline", "=", today)]
        )
        print(
            f"\ncontact standards job over {len(last_days)} clients"
            f" (every {interval} days: {due} due, {100 * due / len(last_days):.1f}%)"
            f"\n  floor, latest message and order per client: {floor_time:7.3f} s"
            f"\n  daily job (due contacts scheduled, capped): {daily:7.3f} s"
            f"  ratio {daily / floor_time:5.2f}  (target: <= 3)"
            f"\n  queries of the daily job: {queries}"
            f"; activities scheduled: {scheduled}"
            f"\n  full recomputation of every client's dates: {full:7.3f} s"
            f"  ratio {full / floor_time:5.2f}  (target: <= 5; when standards change)"
        )
        clients = len(last_days)
        for figure, seconds, target in (
            ("contacts: daily job", daily, 3),
            ("contacts: full recomputation", full, 5),
        ):
            scoreboard.record(
                figure, seconds / floor_time, target, seconds=seconds, clients=clients
            )
