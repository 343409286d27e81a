"""The story's analysis: strategic scores, targets, marketing spend, win-back steps."""

import random
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.fields import Command

DEMO_SEED = 2718
# what each kind of source costs a quarter, roughly
QUARTERLY_SPEND = {
    "lead_generation": 4500,
    "cold_calling": 3500,
    "purchased_database": 2500,
    "advertising": 4000,
    "website": 1500,
}


class AnalysisStory:
    def __init__(self, env):
        self.env = env

    def _demo_analysis(self, seed=DEMO_SEED):
        """Strategic criteria scored by the salespeople, a few clients tagged
        Target, three years of marketing spend by source, a cost to serve and
        a win-back plan whose first steps are due: the strategic matrix, the
        acquisition cost, the action lists and the worklists all show
        something at once."""
        rnd = random.Random(seed)
        company = self.env.company
        company.client_cost_to_serve = 150.0
        # the story's regulars went quiet over the last months: look back five
        company.client_silent_days = 150
        clients = self.env["res.partner"].search(
            [
                ("client_base_is_client", "=", True),
                ("is_company", "=", True),
                ("user_id", "!=", False),
            ],
            order="id",
        )
        self._demo_strategic_scores(rnd, clients)
        target = self.env.ref("client_base_analysis.res_partner_category_target")
        for client in rnd.sample(list(clients), min(10, len(clients))):
            client.category_id = [Command.link(target.id)]
        self._demo_marketing_spend(rnd, company)
        self._demo_winback_steps(rnd, company)

    def _demo_strategic_scores(self, rnd, clients):
        Criterion = self.env["client.base.strategic.criterion"]
        criteria = Criterion.create(
            [
                {
                    "name": self.env._("Growth potential"),
                    "weight": 3,
                    "sequence": 1,
                    "description": self.env._(
                        "1: buys all it will ever need from us; 5: could buy "
                        "several times more."
                    ),
                },
                {
                    "name": self.env._("Strategic fit"),
                    "weight": 2,
                    "sequence": 2,
                    "description": self.env._(
                        "1: outside our target market; 5: exactly the client we "
                        "want more of."
                    ),
                },
                {
                    "name": self.env._("Reputation"),
                    "weight": 1,
                    "sequence": 3,
                    "description": self.env._(
                        "1: unknown; 5: a name that brings other clients."
                    ),
                },
            ]
        )
        values = []
        for client in clients:
            if rnd.random() > 0.55:
                continue
            outlook = rnd.choice([1, 2, 3, 3, 4, 5])
            for criterion in criteria:
                score = min(5, max(1, outlook + rnd.choice([-1, 0, 0, 1])))
                values.append(
                    {
                        "partner_id": client.id,
                        "criterion_id": criterion.id,
                        "score": score,
                        "user_id": client.user_id.id,
                    }
                )
        self.env["client.base.strategic.score"].create(values)

    def _demo_marketing_spend(self, rnd, company):
        sources = self.env["client.base.source"].search(
            [("kind", "in", list(QUARTERLY_SPEND))]
        )
        today = fields.Date.context_today(self.env.user)
        start = date(today.year - 3, 1, 1)
        values = []
        while start < today:
            end = start + relativedelta(months=3) - timedelta(days=1)
            for source in sources:
                amount = QUARTERLY_SPEND[source.kind] * rnd.uniform(0.7, 1.3)
                values.append(
                    {
                        "name": self.env._(
                            "%(channel)s, quarter from %(start)s",
                            channel=source.name,
                            start=start,
                        ),
                        "company_id": company.id,
                        "source_id": source.id,
                        "date_from": start,
                        "date_to": min(end, today),
                        "amount": round(amount, -1),
                    }
                )
            start = end + timedelta(days=1)
        self.env["client.base.marketing.spend"].create(values)

    def _demo_winback_steps(self, rnd, company):
        """A two-step win-back plan, launched ten days ago for a few dormant
        clients: their first call is due."""
        call = self.env.ref("mail.mail_activity_data_call")
        email = self.env.ref("mail.mail_activity_data_email")
        plan = self.env["mail.activity.plan"].create(
            {
                "name": self.env._("Win back a dormant client"),
                "res_model": "res.partner",
                "company_id": company.id,
                "template_ids": [
                    Command.create(
                        {
                            "activity_type_id": call.id,
                            "summary": self.env._(
                                "Ask what changed since their last order"
                            ),
                            "responsible_type": "client_salesperson",
                            "delay_count": 2,
                            "delay_unit": "days",
                        }
                    ),
                    Command.create(
                        {
                            "activity_type_id": email.id,
                            "summary": self.env._("Send a comeback discount"),
                            "responsible_type": "client_salesperson",
                            "delay_count": 20,
                            "delay_unit": "days",
                        }
                    ),
                ],
            }
        )
        company.client_base_winback_plan_id = plan
        dormant = self.env["res.partner"].search(
            [("client_status", "=", "dormant"), ("user_id", "!=", False)],
            order="id",
            limit=8,
        )
        # launched ten days ago: the first call is due
        self.env["res.partner"]._client_base_launch_winback(
            company,
            dormant.ids,
            fields.Date.context_today(self.env.user) - timedelta(days=10),
        )
