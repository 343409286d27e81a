"""The story's events once its clients and orders are written: two years of
status changes and churn reasons, questionnaires, feedback, round dates, data checks,
small orders below the minimum."""

import random
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tools import SQL

from .story_data import (
    CHURN_NOTES,
    DEFAULT_SEED,
)


class StoryEvents:
    def _demo_statuses_and_churn(self, seed=DEFAULT_SEED, today=None, months=24):
        """Replay the last ``months`` month by month, so the status history
        tells how clients moved (regulars going dormant, clients won back) this
        year and the year before, which the dashboards compare it with; then
        record the churn reasons salespeople found for some of the silent
        clients."""
        today = self._day(today)
        company = self.env.company
        Partner = self.env["res.partner"].with_company(company)
        for months_back in range(months, 0, -1):
            Partner._client_base_refresh_status(
                company, cause="silence", today=today - timedelta(days=30 * months_back)
            )
        Partner._client_base_refresh_status(company, cause="silence", today=today)
        reasons = self.env["client.base.churn.reason"].search(
            [("is_system", "=", False)]
        )
        if not reasons:
            return
        rnd = random.Random(seed + 1)
        silent = Partner.search(
            [("ref", "=like", "CB%"), ("client_status", "in", ("dormant", "lost"))],
            order="id",
        )
        by_reason = {}
        for partner in silent:
            if rnd.random() < 0.5:
                reason = rnd.choices(
                    reasons, weights=[5, 2, 4, 4, 2, 1, 3][: len(reasons)] or None
                )[0]
                by_reason.setdefault(reason, Partner.browse())
                by_reason[reason] |= partner
        for reason, partners in by_reason.items():
            for partner in partners:
                partner.sudo().write(
                    {
                        "client_lost_manual": True,
                        "client_lost_date": min(
                            today,
                            partner.client_last_order_date
                            + timedelta(days=rnd.randint(40, 150)),
                        ),
                        "client_churn_reason_id": reason.id,
                    }
                )
            Partner._client_base_refresh_status(
                company,
                cause="manual",
                partner_ids=partners.ids,
                today=today,
                reason=reason,
                note=rnd.choice(CHURN_NOTES),
            )

    def _demo_questionnaires(self, seed=DEFAULT_SEED, answered=24, sent=12):
        """Some clients answered the questionnaire (their answers filled their
        fields), others received it and have not answered yet."""
        rnd = random.Random(seed)
        survey = self.env.ref("client_base.survey_client_questionnaire")
        self.env.company.client_questionnaire_id = survey
        questions = {
            question.question_type: question
            for question in survey.question_ids
            if question.question_type in ("date", "multiple_choice")
        }
        choices = [
            question
            for question in survey.question_ids
            if question.question_type == "simple_choice"
        ]
        clients = self._clients()
        people = clients.child_ids.filtered(lambda child: not child.is_company)
        people = people or clients
        picked = people[: answered + sent]
        for index, person in enumerate(picked):
            answer = survey._create_answer(partner=person, check_attempts=False)
            if index >= answered:
                continue  # sent, not answered yet
            answer._save_lines(
                questions["date"],
                fields.Date.to_string(
                    date(
                        rnd.randint(1960, 1998), rnd.randint(1, 12), rnd.randint(1, 28)
                    )
                ),
            )
            for question in choices:
                answer._save_lines(
                    question, rnd.choice(question.suggested_answer_ids).id
                )
            interests = questions["multiple_choice"].suggested_answer_ids
            answer._save_lines(
                questions["multiple_choice"],
                rnd.sample(interests.ids, rnd.randint(1, len(interests))),
            )
            answer._mark_done()

    def _demo_feedback(self, seed=DEFAULT_SEED, count=40):
        """Clients rated some recent orders: mostly happy, a few not, whose
        salespeople got an activity."""
        rnd = random.Random(seed)
        orders = self.env["sale.order"].search(
            [("company_id", "=", self.env.company.id), ("state", "=", "sale")],
            order="date_order desc, id desc",
            limit=count,
        )
        comments = {
            1: "The delivery came a week late and nobody called.",
            2: "Two boxes were damaged.",
            3: "Fine, but the invoice had a mistake.",
            4: "Good, as usual.",
            5: "Perfect, thank you!",
        }
        for order in orders:
            score = rnd.choices([1, 2, 3, 4, 5], weights=[1, 2, 4, 10, 13])[0]
            order.rating_apply(
                score,
                token=order._rating_get_access_token(),
                feedback=comments[score] if rnd.random() < 0.6 else False,
            )

    def _demo_round_dates(self, seed=DEFAULT_SEED, today=None):
        """Birthdays of the clients' people and foundation dates of client
        companies, a few of them round and within the next weeks, so the
        Upcoming Dates list has something to celebrate."""
        today = self._day(today)
        rnd = random.Random(seed)
        clients = self._clients()
        for index, client in enumerate(clients):
            soon = index % 12 == 0  # about one client in twelve: within 40 days
            day = (
                today + timedelta(days=rnd.randint(1, 40))
                if soon
                else today + timedelta(days=rnd.randint(41, 365))
            )
            if client.is_company:
                years = 5 * rnd.randint(1, 6) if soon else rnd.randint(2, 40)
                client.client_foundation_date = day - relativedelta(years=years)
            people = client.child_ids.filtered(lambda child: not child.is_company)
            for person in people[:1] or (client if not client.is_company else []):
                age = 5 * rnd.randint(5, 12) if soon else rnd.randint(24, 66)
                person.client_birthday = day - relativedelta(years=age)

    def _demo_verifications(self, seed=DEFAULT_SEED, today=None):
        """When salespeople last checked their clients' data: spread over the
        last ten months, some never; with a six-month standard about a third
        are due."""
        today = self._day(today)
        rnd = random.Random(seed)
        clients = self._clients()
        checked = [client for client in clients if rnd.random() < 0.8]
        for client in checked:
            client.client_last_verified_date = today - timedelta(
                days=rnd.randint(0, 300)
            )

    def _demo_small_orders(self, count=6, overrides=3):
        """Small repeat quotations below the minimum order, the sales manager
        letting a few through, each for a reason: the minimum order banner,
        filter and statistics have a story to tell."""
        company = self.env.company
        small = min(  # one sack or box: about 300
            (product for products in self._demo_products().values()
             for product in products),
            key=lambda product: abs(product.list_price - 300),
        )  # fmt: skip
        self.env.cr.execute(
            SQL(
                """
                SELECT partner_id, MAX(user_id) FROM client_base_purchase
                 WHERE counted AND company_id = %s
                 GROUP BY 1 HAVING COUNT(*) BETWEEN 2 AND 4
                 ORDER BY 1
                 LIMIT %s
                """,
                company.id,
                count,
            )
        )
        quotations = self.env["sale.order"].create(
            [
                {
                    "partner_id": client_id,
                    "user_id": user_id,
                    "company_id": company.id,
                    "order_line": [
                        fields.Command.create(
                            {"product_id": small.id, "product_uom_qty": 1}
                        )
                    ],
                }
                for client_id, user_id in self.env.cr.fetchall()
            ]
        )
        reasons = [
            ("strategic", "A chain we want in the north: its new store."),
            ("clearance", "Last boxes of the old packaging."),
            ("complaint", "Replaces the damaged part of the previous delivery."),
        ]
        Wizard = self.env["client.base.threshold.override.wizard"]
        # each checked alone, as the wizard does
        blocked = (order for order in quotations if order._client_threshold_blocked())
        for order, (reason, note) in zip(blocked, reasons[:overrides], strict=False):
            Wizard.create(
                {"order_ids": [fields.Command.set(order.ids)], "reason": reason,
                 "note": note}
            ).action_confirm()  # fmt: skip
