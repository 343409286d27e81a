from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import LoyaltyCommon


@tagged("post_install", "-at_install")
class TestCampaignAudiences(LoyaltyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.marketer = new_test_user(
            cls.env,
            login="cbl_marketer",
            name="Marketer",
            groups="mass_mailing.group_mass_mailing_user",
        )
        cls.client = cls._create_client("Audience Bakery")
        cls._create_order(cls.client)
        Partner = cls.env["res.partner"]
        cls.people = Partner.create(
            [
                {
                    "name": f"Person {i}",
                    "parent_id": cls.client.id,
                    "email": f"person{i}@audience.test",
                    "mobile": f"+3736000010{i}",
                }
                for i in range(4)
            ]
        )
        cls._consent(cls.people[0], "email")
        cls._consent(cls.people[1], "email")
        cls._consent(cls.people[1], "email", "withdrawn")
        cls._consent(cls.people[2], "sms")
        cls.audience = cls.env["client.base.audience"].create(
            {
                "name": "People of new clients",
                "domain": "[('is_company', '=', False), "
                "('commercial_partner_id.client_status', '=', 'new')]",
            }
        )

    def _mailing(self, mailing_type="mail"):
        return (
            self.env["mailing.mailing"]
            .with_user(self.marketer)
            .create(
                {
                    "subject": "Spring news",
                    "mailing_type": mailing_type,
                    "client_audience_id": self.audience.id,
                    "mailing_model_id": self.env["ir.model"]._get_id("res.partner"),
                    "body_html": "<p>News</p>",
                    "body_plaintext": "News",
                }
            )
        )

    def test_audience_counts(self):
        self.assertEqual(self.audience.partner_count, 4)
        self.assertEqual(self.audience.email_consent_count, 1)
        self.assertEqual(self.audience.sms_consent_count, 1)

    def test_email_campaign_only_to_consenting_people(self):
        mailing = self._mailing()
        self.assertTrue(mailing.client_consent_required)
        self.assertEqual(
            mailing.mailing_domain,
            repr([("is_blacklisted", "=", False)]),
            "The mailing's own filter: Odoo's default, narrowing the audience",
        )
        mailing.action_send_mail()
        self.assertEqual(mailing.mailing_trace_ids.res_id, self.people[0].id)
        # people[1] withdrew consent, which blacklists the address: the
        # mailing's own filter drops it before consent is looked at
        self.assertEqual(mailing.client_consent_excluded_count, 2)

    def test_consent_checked_at_send_time(self):
        mailing = self._mailing()
        self._consent(self.people[0], "email", "withdrawn")
        self._consent(self.people[3], "email")
        mailing.action_send_mail()
        self.assertEqual(mailing.mailing_trace_ids.res_id, self.people[3].id)

    def test_audience_follows_the_base(self):
        """No re-import: a person of another client that becomes new joins."""
        other = self._create_client("Later Bakery")
        newcomer = self.env["res.partner"].create(
            {"name": "Newcomer", "parent_id": other.id, "email": "n@audience.test"}
        )
        self._consent(newcomer, "email")
        mailing = self._mailing()
        self._create_order(other)
        mailing.action_send_mail()
        self.assertEqual(
            set(mailing.mailing_trace_ids.mapped("res_id")),
            {self.people[0].id, newcomer.id},
        )

    def test_blacklist_and_mailing_filter_narrow_the_audience(self):
        self._consent(self.people[3], "email")
        self.env["mail.blacklist"]._add(self.people[0].email)
        mailing = self._mailing()
        self.assertEqual(mailing._get_recipients(), self.people[3].ids)
        mailing.mailing_domain = repr(
            [("is_blacklisted", "=", False), ("id", "!=", self.people[3].id)]
        )
        self.assertFalse(mailing._get_recipients())

    def test_audience_evaluated_in_its_company(self):
        """Client status is per company: the audience reads it in its own
        company, whichever company the mailing queue runs in."""
        other = self.env["res.company"].create({"name": "Audience Other Co"})
        mailing = self._mailing()
        queue = mailing.sudo().with_company(other)
        self.assertEqual(queue._get_recipients(), self.people[0].ids)
        self.assertEqual(self.audience.sudo().with_company(other).partner_count, 4)
        self.audience.company_id = other
        self.assertEqual(self.audience.partner_count, 0, "No client in that company")
        self.assertFalse(mailing._get_recipients())

    def test_sms_campaign_uses_sms_consent(self):
        mailing = self._mailing("sms")
        mailing.action_send_sms()
        self.assertEqual(mailing.mailing_trace_ids.res_id, self.people[2].id)
        self.assertEqual(mailing.client_consent_excluded_count, 3)

    def test_plain_mailing_on_contacts_is_consent_aware(self):
        mailing = (
            self.env["mailing.mailing"]
            .with_user(self.marketer)
            .create(
                {
                    "subject": "Domain only",
                    "mailing_model_id": self.env["ir.model"]._get_id("res.partner"),
                    "mailing_domain": repr([("id", "in", self.people.ids)]),
                    "body_html": "<p>Hi</p>",
                }
            )
        )
        self.assertTrue(mailing.client_consent_required)
        mailing.action_send_mail()
        self.assertEqual(mailing.mailing_trace_ids.res_id, self.people[0].id)

    def test_users_read_audiences_managers_edit(self):
        self.assertTrue(self.audience.with_user(self.cb_user).name)
        self.audience.with_user(self.cb_manager).name = "Renamed"
        with self.assertRaises(AccessError):
            self.audience.with_user(self.cb_user).name = "Nope"
