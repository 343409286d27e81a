from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import ClientBaseCommon


@tagged("post_install", "-at_install")
class TestSourcesAndConsent(ClientBaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.person = cls.env["res.partner"].create(
            {"name": "Elena Rotaru", "email": "elena.rotaru@example.com",
             "mobile": "+37369123456"}
        )  # fmt: skip

    def _consent(self, channel, state, user=None, **values):
        Consent = self.env["client.base.consent"].with_user(user or self.cb_user)
        return Consent.create(
            {"partner_id": self.person.id, "channel": channel, "state": state, **values}
        )

    def test_latest_consent_counts_and_reaches_the_blacklist(self):
        Blacklist = self.env["mail.blacklist"].with_context(active_test=True)
        self._consent("email", "granted")
        self.assertEqual(self.person.client_consent_email, "granted")
        self.assertEqual(self.person.client_consent_sms, "unknown")
        self._consent("email", "withdrawn", method="email")
        self.assertEqual(self.person.client_consent_email, "withdrawn")
        self.assertTrue(Blacklist.search([("email", "=", "elena.rotaru@example.com")]))
        self.assertTrue(self.person.is_blacklisted)
        # the person's own opt-out: lifted by a manager, with the proof
        self._consent(
            "email", "granted", user=self.cb_manager, method="form",
            note="Signed the newsletter form again at the fair",
        )  # fmt: skip
        self.assertEqual(self.person.client_consent_email, "granted")
        self.assertFalse(Blacklist.search([("email", "=", "elena.rotaru@example.com")]))
        self.assertEqual(len(self.person.client_consent_ids), 3, "Consent is a history")

    def test_sms_withdrawal_reaches_the_phone_blacklist(self):
        self._consent("sms", "withdrawn")
        self.assertTrue(
            self.env["phone.blacklist"].search([("number", "=", "+37369123456")])
        )
        self.assertEqual(self.person.client_consent_sms, "withdrawn")

    def test_consent_cannot_be_dated_in_the_future(self):
        with self.assertRaises(ValidationError):
            self._consent(
                "phone", "granted", date=fields.Datetime.now() + timedelta(days=2)
            )

    def test_consent_history_is_not_rewritten(self):
        consent = self._consent("phone", "granted")
        with self.assertRaises(UserError):
            consent.with_user(self.cb_manager).write({"state": "withdrawn"})
        with self.assertRaises(UserError):
            consent.with_user(self.cb_manager).unlink()

    def test_employees_outside_client_base_see_neither_source_nor_consent(self):
        source = self.env.ref("client_base.client_base_source_referral")
        client = self._create_client("Referred Client", client_source_id=source.id)
        self._consent("email", "granted")
        with self.assertRaises(AccessError):
            self.env["client.base.consent"].with_user(self.employee).search([])
        with self.assertRaises(AccessError):
            client.with_user(self.employee).read(["client_source_id"])
        self.assertEqual(client.with_user(self.cb_user).client_source_id, source)
        self.assertEqual(source.client_count, 1)
