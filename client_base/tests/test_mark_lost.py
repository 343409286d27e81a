from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import TODAY, ClientBaseCommon


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestMarkLost(ClientBaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.reason = cls.env["client.base.churn.reason"].create({"name": "Price"})
        cls.client_a = cls._create_client("Orhei Market")
        cls.client_b = cls._create_client("Cahul Food")
        for client in (cls.client_a, cls.client_b):
            cls._order_on(client, 120)
        cls.env["res.partner"]._client_base_refresh_status(
            cls.company, cause="silence", today=TODAY
        )

    def _wizard(self, user, partners, **values):
        wizard_env = (
            self.env["client.base.mark.lost"]
            .with_user(user)
            .with_context(active_model="res.partner", active_ids=partners.ids)
        )
        form = Form(wizard_env)
        if "reason" in values:
            form.churn_reason_id = values["reason"]
        if "note" in values:
            form.note = values["note"]
        return form

    def test_salesperson_marks_own_clients_lost(self):
        form = self._wizard(
            self.cb_user,
            self.client_a | self.client_b,
            reason=self.reason,
            note="A competitor offers 7% less.",
        )
        form.save().action_mark_lost()
        for client in (self.client_a, self.client_b):
            client.invalidate_recordset()
            self.assertEqual(client.client_status, "lost")
            self.assertEqual(client.client_churn_reason_id, self.reason)
            self.assertEqual(client.client_lost_date, TODAY)
            history = client.client_status_history_ids[:1]
            self.assertEqual(
                (history.cause, history.status_from), ("manual", "dormant")
            )
            self.assertEqual(history.note, "A competitor offers 7% less.")
            self.assertIn("A competitor offers 7% less.", client.message_ids[:1].body)

    def test_a_private_client_is_marked_lost(self):
        """A person without a company buys as a client: the wizard keeps them
        when it reads its clients back from the database, as a web request
        does, instead of silently marking no one."""
        person = self.env["res.partner"].create(
            {"name": "Alexandru Kuznetsov", "user_id": self.cb_user.id}
        )
        self._order_on(person, 120)
        self._refresh(partners=person)
        wizard = self._wizard(
            self.cb_user, person, reason=self.reason, note="Moved abroad."
        ).save()
        wizard.invalidate_recordset()
        self.assertEqual(wizard.partner_ids, person)
        wizard.action_mark_lost()
        person.invalidate_recordset()
        self.assertEqual(person.client_status, "lost")

    def test_large_clients_are_named_with_their_share_of_revenue(self):
        """Losing a client that brings a large share of the company's revenue
        deserves a second look: the wizard names each one (the company's share,
        whatever else the database holds) and leaves the small ones out."""
        Day = self.env["client.base.purchase.day"]
        window = [
            ("company_id", "=", self.company.id),
            ("day", ">", TODAY.replace(year=TODAY.year - 1)),
        ]
        [(others,)] = Day._read_group(window, [], ["amount:sum"])
        self._order_on(self.client_a, 30, amount=max(others, 1000.0))
        small = self._create_client("Soroca Kiosk")
        self._order_on(small, 30, amount=1.0)
        [(total,)] = Day._read_group(window, [], ["amount:sum"])
        [(large,)] = Day._read_group(
            [*window, ("partner_id", "=", self.client_a.id)], [], ["amount:sum"]
        )
        form = self._wizard(self.cb_user, self.client_a | small)
        self.assertIn(f"Orhei Market brought {100 * large / total:.1f}%", form.warning)
        self.assertNotIn("Soroca Kiosk", form.warning)
        self.assertFalse(self._wizard(self.cb_user, small).warning)

    def test_no_client_chosen_is_refused(self):
        wizard = self.env["client.base.mark.lost"].create(
            {
                "partner_ids": [(6, 0, self.client_a.ids)],
                "churn_reason_id": self.reason.id,
                "note": "Closed",
            }
        )
        # the client chosen was merged away or deleted before the button
        wizard.partner_ids = False
        with self.assertRaises(UserError):
            wizard.action_mark_lost()

    def test_lost_is_sticky_until_a_new_order(self):
        self._wizard(
            self.cb_user, self.client_a, reason=self.reason, note="Closed"
        ).save().action_mark_lost()
        self.client_a.with_company(self.company).sudo().write(
            {"client_lost_date": TODAY.replace(day=1)}
        )
        self.env["res.partner"]._client_base_refresh_status(
            self.company, cause="silence", today=TODAY
        )
        self.assertEqual(
            self.client_a.client_status, "lost", "A daily run keeps a person's verdict"
        )
        self._create_order(self.client_a)
        self.client_a.invalidate_recordset()
        self.assertEqual(self.client_a.client_status, "occasional")
        self.assertFalse(self.client_a.client_churn_reason_id)
        self.assertEqual(self.client_a.client_status_history_ids[:1].cause, "won_back")

    def test_reason_and_note_are_required(self):
        form = self._wizard(self.cb_user, self.client_a, reason=self.reason)
        with self.assertRaises(AssertionError):
            form.save()  # the note is a required field of the form
        wizard = (
            self.env["client.base.mark.lost"]
            .with_user(self.cb_user)
            .create(
                {
                    "partner_ids": [(6, 0, self.client_a.ids)],
                    "churn_reason_id": self.reason.id,
                    "note": "   ",
                }
            )
        )
        with self.assertRaises(UserError):
            wizard.action_mark_lost()
        self.assertEqual(self.client_a.client_status, "dormant")

    def test_all_or_none(self):
        prospect = self._create_client("Prospect Only")
        self._create_order(prospect, confirm=False)
        wizard = self._wizard(
            self.cb_user, self.client_a | prospect, reason=self.reason, note="Gone"
        ).save()
        with self.assertRaises(UserError), self.cr.savepoint():
            wizard.action_mark_lost()
        self.client_a.invalidate_recordset()
        self.assertEqual(
            self.client_a.client_status, "dormant", "Nothing written when one fails"
        )
        self.assertFalse(self.client_a.client_churn_reason_id)

    def test_salesperson_cannot_mark_others_clients(self):
        other = self._create_client("Someone Else's Client", user_id=self.cb_manager.id)
        self._order_on(other, 120)
        wizard = self._wizard(
            self.cb_user, other, reason=self.reason, note="Gone"
        ).save()
        with self.assertRaises(UserError):
            wizard.action_mark_lost()
        manager_wizard = self._wizard(
            self.cb_manager, other, reason=self.reason, note="Gone"
        ).save()
        manager_wizard.action_mark_lost()
        self.assertEqual(other.client_status, "lost")

    def test_employee_without_client_base_is_refused(self):
        with self.assertRaises(AccessError):
            self.env["client.base.mark.lost"].with_user(self.employee).create(
                {
                    "partner_ids": [(6, 0, self.client_a.ids)],
                    "churn_reason_id": self.reason.id,
                    "note": "Gone",
                }
            )
        with self.assertRaises(AccessError):
            self.env["client.base.status.history"].with_user(self.employee).search([])

    def test_users_cannot_rewrite_history(self):
        history = self.client_a.client_status_history_ids[:1]
        with self.assertRaises(AccessError):
            history.with_user(self.cb_manager).write({"note": "rewritten"})
        with self.assertRaises(AccessError):
            history.with_user(self.cb_manager).unlink()

    def test_merge_keeps_history(self):
        self._order_on(self.client_b, 10)
        histories = (self.client_a | self.client_b).client_status_history_ids
        self.assertTrue(self.client_b.client_status_history_ids)
        wizard = self.env["base.partner.merge.automatic.wizard"].create({})
        wizard._merge((self.client_a | self.client_b).ids, self.client_a)
        self.assertFalse(self.client_b.exists())
        self.assertEqual(histories.exists().partner_id, self.client_a)
        self.client_a.invalidate_recordset()
        self.assertEqual(self.client_a.client_order_count, 3)
        self.assertEqual(
            self.client_a.client_status, "regular", "Three orders in the window"
        )
        self.assertEqual(self.client_a.client_status_history_ids[:1].cause, "merge")
