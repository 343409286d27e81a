from datetime import timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import TODAY, ClientBaseCommon, load_languages, shipped_translation


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestContactStandards(ClientBaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Rule = cls.env["client.base.contact.rule"]
        Rule.with_context(active_test=False).search([]).unlink()
        cls.large = cls.env["res.partner.category"].create({"name": "Large"})
        cls.every_30 = Rule.create({"kind": "contact", "interval_days": 30})
        cls.large_every_14 = Rule.create(
            {"kind": "contact", "category_id": cls.large.id, "interval_days": 14}
        )
        cls.verify_180 = Rule.create({"kind": "verification", "interval_days": 180})
        cls.client = cls._create_client("Contact Horeca SRL")
        cls._order_on(cls.client, days_ago=40)
        cls.Partner = cls.env["res.partner"]

    def _refresh(self, partners=None):
        self.Partner._client_contact_refresh(
            self.company, partner_ids=partners and partners.ids, today=TODAY
        )

    def _as_user(self, partner):
        return partner.with_user(self.cb_user)

    def test_last_order_is_last_contact_and_strictest_rule_wins(self):
        self._refresh()
        client = self._as_user(self.client)
        self.assertEqual(client.client_last_contact_date, TODAY - timedelta(days=40))
        self.assertEqual(client.client_next_contact_date, TODAY - timedelta(days=10))
        self.assertTrue(client.client_contact_overdue)
        self.assertIn(client, client.search([("client_contact_overdue", "=", True)]))

        self.client.category_id = self.large  # refreshes the client at once
        client.invalidate_recordset()
        self.assertEqual(client.client_next_contact_date, TODAY - timedelta(days=26))

    def test_a_logged_note_is_a_contact_unless_the_company_says_no(self):
        self._refresh()
        contact = self.Partner.create({"name": "Chef Ion", "parent_id": self.client.id})
        # a note logged by the salesperson on the client's contact person
        self._as_user(contact).message_post(
            body="Called: they want the autumn catalogue",
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )
        client = self._as_user(self.client)
        self.assertEqual(client.client_last_contact_date, TODAY)
        self.assertFalse(client.client_contact_overdue)
        self.assertFalse(client.search_count([("client_contact_overdue", "=", True),
                                              ("id", "=", client.id)]))  # fmt: skip

        self.company.client_contact_count_notes = False
        self._refresh()  # what the triggered job does
        client.invalidate_recordset()
        self.assertEqual(client.client_last_contact_date, TODAY - timedelta(days=40))

    def test_only_a_message_that_counts_refreshes_the_dates(self):
        """Tracking notifications and, where notes do not count, notes leave
        the contact dates alone without recomputing them."""
        calls = []
        original = type(self.Partner)._client_contact_refresh

        def spy(partner, company, *args, **kwargs):
            calls.append(company)
            return original(partner, company, *args, **kwargs)

        with patch.object(type(self.Partner), "_client_contact_refresh", spy):
            self.client.message_post(body="Status changed", message_type="notification")
            self.assertEqual(calls, [], "a notification is no contact")
            self.client.message_post(
                body="Called", message_type="comment", subtype_xmlid="mail.mt_note"
            )
            self.assertEqual(calls, [self.company], "a note is, in this company")
            self.company.client_contact_count_notes = False
            calls.clear()
            self.client.message_post(
                body="Called again",
                message_type="comment",
                subtype_xmlid="mail.mt_note",
            )
            self.assertEqual(calls, [])

    def test_a_done_activity_is_a_contact(self):
        self.company.write(
            {"client_contact_count_notes": False, "client_contact_count_orders": False}
        )
        self._refresh()
        client = self._as_user(self.client)
        self.assertFalse(client.client_last_contact_date)
        activity = client.activity_schedule(
            "mail.mail_activity_data_call", user_id=self.cb_user.id
        )
        activity.action_feedback(feedback="Will order next week")
        client.invalidate_recordset()
        self.assertEqual(client.client_last_contact_date, TODAY)

    def test_daily_job_schedules_once_within_the_cap(self):
        self.company.client_contact_daily_cap = 2
        others = self.Partner.browse(
            [self._create_client(f"Silent {days}").id for days in (50, 60)]
        )
        for client, days in zip(others, (50, 60), strict=True):
            self._order_on(client, days_ago=days)
        self._refresh()  # orders back-dated after their confirmation
        contact_type = self.env.ref("client_base.mail_activity_type_contact_client")

        def scheduled():
            return self.env["mail.activity"].search(
                [("activity_type_id", "=", contact_type.id),
                 ("res_model", "=", "res.partner")]
            )  # fmt: skip

        self.Partner._cron_client_contact_activities(today=TODAY)
        first = scheduled()
        self.assertEqual(len(first), 2, "the daily cap")
        self.assertEqual(
            set(first.mapped("res_id")), set(others.ids), "the most overdue first"
        )
        self.assertEqual(first.user_id, self.cb_user)
        self.Partner._cron_client_contact_activities(today=TODAY)
        self.assertEqual(scheduled(), first, "a rerun the same day adds nothing")
        with freeze_time(TODAY + timedelta(days=1)):
            self.Partner._cron_client_contact_activities(
                today=TODAY + timedelta(days=1)
            )
            self.assertEqual(
                set(scheduled().mapped("res_id")),
                set((others | self.client).ids),
                "next day the third client, never a second for the first two",
            )
            # done: the client is contacted, its next contact moves on
            activity = scheduled().filtered(lambda act: act.res_id == self.client.id)
            activity.with_user(self.cb_user).action_feedback(feedback="Spoke to Ion")
            self.client.invalidate_recordset()
            self.assertFalse(self.client.client_contact_overdue)

    def test_activities_in_the_salespersons_language(self):
        load_languages(self.env, ["client_base"])
        self.cb_user.lang = "ro_RO"
        self._refresh()  # the order back-dated after its confirmation
        self.Partner._cron_client_contact_activities(today=TODAY)
        contact_type = self.env.ref("client_base.mail_activity_type_contact_client")
        activity = self.client.activity_ids.filtered(
            lambda act: act.activity_type_id == contact_type
        )
        self.assertEqual(
            activity.summary,
            shipped_translation(
                "client_base", "ro_RO", "Contact due by the company's contact standards"
            ),
        )

    def test_verification_due_and_done(self):
        self.client.client_last_verified_date = TODAY - timedelta(days=200)
        self._refresh()
        client = self._as_user(self.client)
        self.assertEqual(
            client.client_next_verification_date, TODAY - timedelta(days=20)
        )
        self.assertTrue(client.client_verification_due)
        self.Partner._cron_client_contact_activities(today=TODAY)
        verify_type = self.env.ref("client_base.mail_activity_type_verify_client_data")
        self.assertIn(verify_type, self.client.activity_ids.activity_type_id)
        client.action_client_data_verified()
        client.invalidate_recordset()
        self.assertEqual(client.client_last_verified_date, TODAY)
        self.assertEqual(
            client.client_next_verification_date, TODAY + timedelta(days=180)
        )
        self.assertFalse(client.client_verification_due)

    def test_changed_standards_trigger_the_recomputation(self):
        cron = self.env.ref("client_base.ir_cron_client_contact_refresh")
        triggers = self.env["ir.cron.trigger"].search([("cron_id", "=", cron.id)])
        self.every_30.with_user(self.cb_manager).interval_days = 21
        self.assertGreater(
            self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)]),
            len(triggers),
        )
        cron.method_direct_trigger()
        self.client.invalidate_recordset()
        self.assertEqual(
            self.client.client_next_contact_date, TODAY - timedelta(days=40 - 21)
        )

    def test_bad_input_is_refused(self):
        Rule = self.env["client.base.contact.rule"].with_user(self.cb_manager)
        with self.assertRaises(ValidationError):
            Rule.create({"kind": "contact", "interval_days": 0})
        with self.assertRaises(ValidationError):
            Rule.create({"kind": "contact", "interval_days": 45})  # same scope
        with self.assertRaises(ValidationError):
            self.company.write(
                {
                    "client_contact_count_activities": False,
                    "client_contact_count_notes": False,
                    "client_contact_count_emails": False,
                    "client_contact_count_orders": False,
                }
            )
        with self.assertRaises(ValidationError):
            self.company.client_contact_daily_cap = -1
        with self.assertRaises(AccessError):
            Rule.with_user(self.cb_user).create({"interval_days": 7})

    def test_queries_do_not_grow_with_clients(self):
        self.Partner._cron_client_contact_activities(today=TODAY)  # warm caches
        counts = []
        for extra in (3, 9):  # new clients, due: activities and followers to add
            for index in range(extra):
                self._order_on(
                    self._create_client(f"Extra {extra}-{index}"), days_ago=45
                )
            self.env.flush_all()
            self.env["mail.activity"].search([]).unlink()
            before = self.env.cr.sql_log_count
            self._refresh()
            self.Partner._cron_client_contact_activities(today=TODAY)
            counts.append(self.env.cr.sql_log_count - before)
        self.assertEqual(counts[0], counts[1])
        self.assertEqual(
            len(self.env["mail.activity"].search([("automated", "=", True)])),
            1 + 3 + 9,
            "every due client once, within the cap of 20",
        )
