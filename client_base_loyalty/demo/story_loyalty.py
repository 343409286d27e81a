"""The story's loyalty: consents, honoured-client cards, tiers and offers."""

import random
from datetime import timedelta

from odoo import fields

DEMO_SEED = 1881


class LoyaltyStory:
    def __init__(self, env):
        self.env = env

    def _demo_loyalty(self, seed=DEMO_SEED, cards=45):
        """Consents given and withdrawn, honoured-client cards handed to the
        best clients (tiers follow their spend), invitations to a tasting,
        this week's birthday coupons sent and a campaign drafted."""
        rnd = random.Random(seed)
        Partner = self.env["res.partner"]
        company = self.env.company
        clients = Partner.search([("client_base_is_client", "=", True)], order="id")
        people = Partner.search(
            [("commercial_partner_id", "in", clients.ids), ("is_company", "=", False)],
            order="id",
        )
        now = fields.Datetime.now()
        consents = []
        for person in people:
            for channel, share in (("email", 0.6), ("sms", 0.35)):
                if rnd.random() < share:
                    consents.append(
                        {
                            "partner_id": person.id,
                            "channel": channel,
                            "state": "granted",
                            "method": rnd.choice(["form", "questionnaire", "website"]),
                            "date": now - timedelta(days=rnd.randint(30, 700)),
                        }
                    )
                    if rnd.random() < 0.08:
                        consents.append(
                            {
                                "partner_id": person.id,
                                "channel": channel,
                                "state": "withdrawn",
                                "method": "email",
                                "date": now - timedelta(days=rnd.randint(1, 29)),
                            }
                        )
        self.env["client.base.consent"].create(consents)
        # A handful of consenting people have their birthday this week: the
        # birthday offer has coupons to send the day the demo is installed.
        today = fields.Date.context_today(self.env.user)
        consenting = people.filtered(
            lambda p: (
                p.client_consent_email == "granted" or p.client_consent_sms == "granted"
            )
        )
        for offset, person in enumerate(consenting[::17][:6], start=1):
            day = today + timedelta(days=offset)
            if (day.month, day.day) == (2, 29):
                day -= timedelta(days=1)
            person.client_birthday = day.replace(year=1970 + 3 * offset)

        program = self.env.ref(
            "client_base_loyalty.loyalty_program_honoured_client_demo"
        )
        regulars = clients.filtered(
            lambda c: c.with_company(company).client_status in ("regular", "new")
        )
        holders = regulars[:cards]
        Card = self.env["loyalty.card"].sudo().with_context(loyalty_no_mail=True)
        Card.create(
            [
                {"program_id": program.id, "partner_id": client.id, "points": 1}
                for client in holders
            ]
        )
        invitation = self.env.ref(
            "client_base_loyalty.loyalty_program_event_invitation_demo"
        )
        guests = clients.filtered(
            lambda c: c.with_company(company).client_status == "dormant"
        )[:12]
        Card.create(
            [
                {"program_id": invitation.id, "partner_id": guest.id, "points": 1}
                for guest in guests
            ]
        )
        for client in holders[:10] | guests[:3]:
            client.message_post(
                body=self.env._("Card handed over at the counter."),
                subtype_xmlid="mail.mt_note",
            )
        self.env["loyalty.card"]._client_tier_refresh(company, trigger="job")
        self.env["client.base.loyalty.offer"]._cron_send_occasion_offers()
        audience = self.env.ref(
            "client_base_loyalty.client_base_audience_regular_people_demo"
        )
        self.env["mailing.mailing"].create(
            {
                "subject": "Spring news for our regular clients",
                "client_audience_id": audience.id,
                "mailing_model_id": self.env["ir.model"]._get_id("res.partner"),
                "body_html": "<p>New products are in: come and taste them.</p>",
            }
        )
