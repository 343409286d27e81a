import re
from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import format_date

from odoo.addons.client_base.tests.common import load_languages, shipped_translation
from odoo.addons.sms.tests.common import SMSCase

from .common import LoyaltyCommon

TODAY = date(2026, 6, 15)


@tagged("post_install", "-at_install")
class TestOccasionOffers(LoyaltyCommon, SMSCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client = cls._create_client("Offer Bakery")
        with freeze_time(datetime(2025, 6, 18, 10)):
            cls._create_order(cls.client)
        Partner = cls.env["res.partner"]
        cls.ann = Partner.create(
            {
                "name": "Ann Birthday",
                "parent_id": cls.client.id,
                "email": "ann@offer.test",
                "mobile": "+37360000001",
                "client_birthday": date(1980, 6, 18),
            }
        )
        cls.bob = Partner.create(
            {
                "name": "Bob Later",
                "parent_id": cls.client.id,
                "email": "bob@offer.test",
                "client_birthday": date(1975, 7, 30),
            }
        )
        cls.offer = cls.env["client.base.loyalty.offer"].create(
            {
                "name": "Birthday gift",
                "occasion": "birthday",
                "program_id": cls.coupon_program.id,
                "days_before": 7,
                "validity_days": 30,
            }
        )
        cls.Card = cls.env["loyalty.card"]

    def _run(self, day=TODAY):
        with freeze_time(datetime.combine(day, datetime.min.time())):
            self.env["client.base.loyalty.offer"]._cron_send_occasion_offers(day)

    def _coupons(self, person):
        return self.Card.search(
            [
                ("program_id", "=", self.coupon_program.id),
                ("partner_id", "=", person.id),
            ]
        )

    def test_birthday_coupon_by_email_once(self):
        self._consent(self.ann, "email")
        self._run()
        coupon = self._coupons(self.ann)
        self.assertEqual(len(coupon), 1)
        self.assertEqual(coupon.expiration_date, date(2026, 7, 18))
        mail = self.env["mail.mail"].search([("recipient_ids", "in", self.ann.ids)])
        self.assertEqual(len(mail), 1)
        self.assertIn(coupon.code, mail.body_html)
        log = self.offer.log_ids
        self.assertEqual((log.partner_id, log.client_id), (self.ann, self.client))
        self.assertEqual(log.occasion_date, date(2026, 6, 18))
        self.assertTrue(log.email_sent)
        self.assertFalse(log.sms_sent, "No SMS without SMS consent")
        self.assertIn(coupon.code, self.client.message_ids[0].body)
        self.assertFalse(self._coupons(self.bob), "Bob's birthday is weeks away")
        self._run()
        self._run(date(2026, 6, 18))
        self.assertEqual(len(self._coupons(self.ann)), 1, "Never twice")

    def test_offers_in_each_clients_language(self):
        """A Romanian client's gift comes in Romanian, a Russian one's in
        Russian, email and SMS; the note on the client is in the language of
        its salesperson."""
        load_languages(self.env, ["client_base", "client_base_loyalty"])
        self.cb_user.lang = "ru_RU"
        self.ann.lang = "ro_RO"
        self.bob.write({"lang": "ru_RU", "mobile": "+37360000002",
                        "client_birthday": date(1975, 6, 19)})  # fmt: skip
        for person in (self.ann, self.bob):
            self._consent(person, "email")
            self._consent(person, "sms")
        self._run()
        english = self.env.ref(
            "client_base_loyalty.mail_template_occasion_offer"
        ).with_context(lang="en_US")
        sms_text = (
            self.env.ref("client_base_loyalty.sms_template_occasion_offer")
            .with_context(lang="en_US")
            .body
        )
        Render = self.env["mail.render.mixin"]
        for person, lang in ((self.ann, "ro_RO"), (self.bob, "ru_RU")):
            coupon = self._coupons(person)
            mail = self.env["mail.mail"].search([("recipient_ids", "in", person.ids)])
            body = shipped_translation("client_base_loyalty", lang, english.body_html)
            # the closing line of the translated body, as the client reads it
            closing = re.findall(r"<p>([^<]+)</p>", body)[-1].strip()
            self.assertIn(closing, mail.body_html)
            self.assertNotIn("Thank you for being with us.", mail.body_html)
            subject = shipped_translation("client_base_loyalty", lang, english.subject)
            self.assertEqual(
                mail.subject,
                Render.with_context(lang=lang)._render_template(
                    subject, "loyalty.card", coupon.ids, engine="inline_template"
                )[coupon.id],
            )
            sms = self.env["sms.sms"].search([("partner_id", "=", person.id)])
            words = shipped_translation("client_base_loyalty", lang, sms_text)
            self.assertEqual(
                sms.body,
                self.env["mail.render.mixin"]
                .with_context(lang=lang)
                ._render_template(
                    words, "loyalty.card", coupon.ids, engine="inline_template"
                )[coupon.id],
            )
            self.assertIn(coupon.code, sms.body)
        ru = self.env(context=dict(self.env.context, lang="ru_RU"))
        line = shipped_translation(
            "client_base_loyalty",
            "ru_RU",
            "%(offer)s: coupon %(code)s for %(person)s (occasion %(date)s) sent by "
            "%(channels)s.",
        ) % {
            "offer": self.offer.name,
            "code": self._coupons(self.ann).code,
            "person": self.ann.name,
            "date": format_date(ru, date(2026, 6, 18)),
            "channels": ", ".join(
                shipped_translation("client_base_loyalty", "ru_RU", label)
                for label in ("email", "SMS")
            ),
        }
        self.assertIn(line, self.client.message_ids[0].body)

    def test_sms_only_with_sms_consent(self):
        self._consent(self.ann, "sms")
        self._run()
        coupon = self._coupons(self.ann)
        sms = self.env["sms.sms"].search([("partner_id", "=", self.ann.id)])
        self.assertEqual(len(sms), 1)
        self.assertIn(coupon.code, sms.body)
        self.assertEqual(sms.state, "outgoing", "Queued: sent once the run commits")
        with self.mockSMSGateway():
            sms.send()
        self.assertSMSIapSent(["+37360000001"], content=coupon.code)
        self.assertFalse(
            self.env["mail.mail"].search([("recipient_ids", "in", self.ann.ids)])
        )
        self.assertTrue(self.offer.log_ids.sms_sent)

    def test_no_consent_skipped_and_counted(self):
        self._consent(self.ann, "email")
        self._consent(self.ann, "email", "withdrawn")
        self._run()
        self.assertFalse(self._coupons(self.ann))
        self.assertFalse(self.offer.log_ids)
        self.assertEqual(self.offer.last_skipped_consent_count, 1)
        self.assertEqual(self.offer.last_sent_count, 0)
        self.env["res.partner"].create(
            {"name": "No Birthday", "parent_id": self.client.id}
        )
        self._run()
        self.assertEqual(self.offer.last_skipped_no_date_count, 1)
        self._consent(self.ann, "email")
        self._run(date(2026, 6, 17))
        self.assertEqual(len(self._coupons(self.ann)), 1, "Sent once consent is back")

    def test_anniversary_of_cooperation(self):
        self.offer.write({"occasion": "anniversary", "days_before": 5})
        self._consent(self.client, "email")
        self.client.email = "office@offer.test"
        self._run()
        coupon = self._coupons(self.client)
        self.assertEqual(len(coupon), 1)
        self.assertEqual(self.offer.log_ids.occasion_date, date(2026, 6, 18))

    def test_no_anniversary_in_the_first_year(self):
        client = self._create_client("New Bakery", email="new@offer.test")
        with freeze_time(datetime(2026, 6, 1, 10)):
            self._create_order(client)
        self._consent(client, "email")
        self.offer.occasion = "anniversary"
        self._run(date(2026, 6, 1))
        self.assertFalse(self._coupons(client))

    def test_leap_day_birthday(self):
        self.ann.client_birthday = date(1984, 2, 29)
        self._consent(self.ann, "email")
        self._run(date(2027, 2, 25))
        self.assertEqual(self.offer.log_ids.occasion_date, date(2027, 2, 28))

    def test_claim_is_exclusive(self):
        """A second run (or a concurrent one) claiming the same occasion gets
        nothing: the unique key decides, not luck."""
        rows = [(self.ann.id, self.client.id, date(2026, 6, 18))]
        self.assertEqual(len(self.offer._claim(rows)), 1)
        self.assertEqual(self.offer._claim(rows), [])

    def test_only_coupon_programs(self):
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.offer.program_id = self.card_program

    def test_logs_survive_a_partner_merge(self):
        self._consent(self.ann, "email")
        twin = self.env["res.partner"].create(
            {
                "name": "Ann Twin",
                "parent_id": self.client.id,
                "email": "ann2@offer.test",
                "client_birthday": date(1980, 6, 18),
            }
        )
        self._consent(twin, "email")
        self._run()
        self.assertEqual(len(self.offer.log_ids), 2)
        wizard = self.env["base.partner.merge.automatic.wizard"].create({})
        wizard._merge((self.ann | twin).ids, self.ann, extra_checks=False)
        self.offer.invalidate_recordset()
        self.assertEqual(len(self.offer.log_ids), 2)
        self.assertEqual(self.offer.log_ids.partner_id, self.ann)
        self._run(date(2026, 6, 17))
        self.assertEqual(len(self.offer.log_ids), 2, "Nothing sent again")

    def test_bad_days_refused(self):
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.offer.days_before = -1
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.offer.validity_days = 0
        with self.assertRaises(ValidationError), self.cr.savepoint():
            # a year ahead reaches next year's birthday on the day itself
            self.offer.days_before = 365
        self.assertEqual(self.offer.days_before, 7)

    def test_only_current_clients_celebrate(self):
        """People of lost or archived clients get no birthday coupon, a lost
        client no anniversary one."""
        self._consent(self.ann, "email")
        self.client.client_status = "lost"
        self._run()
        self.assertFalse(self._coupons(self.ann))
        self.offer.occasion = "anniversary"
        self._consent(self.client, "email")
        self.client.email = "office@offer.test"
        self._run()
        self.assertFalse(self._coupons(self.client))
        self.offer.occasion = "birthday"
        self.client.write({"client_status": "regular", "active": False})
        self._run()
        self.assertFalse(self._coupons(self.ann))
        self.client.active = True
        self._run()
        self.assertEqual(len(self._coupons(self.ann)), 1)
