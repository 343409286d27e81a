from datetime import date, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import TODAY, ClientBaseCommon


@tagged("post_install", "-at_install")
@freeze_time(TODAY)  # 15 June 2026
class TestRoundDates(ClientBaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client = cls._create_client(
            "Jubilee Foods SRL", client_foundation_date=date(2016, 6, 18)
        )
        cls.chef = cls.env["res.partner"].create(
            {
                "name": "Elena Rusu",
                "parent_id": cls.client.id,
                "client_birthday": date(1986, 6, 20),
            }
        )
        cls.leap = cls.env["res.partner"].create(
            {
                "name": "Leap Person",
                "parent_id": cls.client.id,
                "client_birthday": date(2000, 2, 29),
            }
        )
        cls._order_on(cls.client, days_ago=(TODAY - date(2024, 6, 17)).days)
        cls.company.client_round_date_days_ahead = 7

    def _dates(self, user=None):
        self._refresh()  # statuses: the first order date
        return (
            self.env["client.base.round.date"]
            .with_user(user or self.cb_user)
            .search([("client_id", "=", self.client.id)])
        )

    def _round_activities(self):
        round_type = self.env.ref("client_base.mail_activity_type_round_date")
        return self.client.activity_ids.filtered(
            lambda act: act.activity_type_id == round_type
        )

    def test_next_occurrences_years_and_roundness(self):
        dates = {
            (row.partner_id, row.kind): (
                row.date,
                row.years,
                row.is_round,
                row.days_left,
            )
            for row in self._dates()
        }
        self.assertEqual(
            dates,
            {
                (self.chef, "birthday"): (date(2026, 6, 20), 40, True, 5),
                (self.leap, "birthday"): (date(2027, 2, 28), 27, False, 258),
                (self.client, "foundation"): (date(2026, 6, 18), 10, True, 3),
                (self.client, "cooperation"): (date(2026, 6, 17), 2, True, 2),
            },
        )
        upcoming = self.env["client.base.round.date"].with_user(self.cb_user).search(
            [("client_id", "=", self.client.id), ("days_left", "<=", 7),
             ("is_round", "=", True)]
        )  # fmt: skip
        self.assertEqual(len(upcoming), 3)

    def test_salesperson_reminded_once_per_occasion(self):
        self._dates()
        RoundDate = self.env["client.base.round.date"]
        RoundDate._cron_round_date_activities(today=TODAY)
        activities = self._round_activities()
        self.assertEqual(len(activities), 3, "birthday, foundation, cooperation")
        self.assertEqual(activities.user_id, self.cb_user)
        self.assertIn("Elena Rusu turns 40", " ".join(activities.mapped("summary")))
        RoundDate._cron_round_date_activities(today=TODAY)
        self.assertEqual(len(self._round_activities()), 3, "a rerun adds nothing")
        activities[0].with_user(self.cb_user).action_feedback(feedback="Flowers sent")
        RoundDate._cron_round_date_activities(today=TODAY + timedelta(days=1))
        self.assertEqual(
            len(self._round_activities()), 2, "a done occasion is not reminded again"
        )

    def test_occasions_of_one_client_for_a_new_follower(self):
        """Odoo subscribes a batch's assignees to its records at once: three
        occasions of a client whose salesperson does not follow it yet."""
        self._dates()
        self.client.message_unsubscribe(partner_ids=self.cb_user.partner_id.ids)
        self.env["client.base.round.date"]._cron_round_date_activities(today=TODAY)
        self.assertEqual(len(self._round_activities()), 3)
        self.assertIn(self.cb_user.partner_id, self.client.message_partner_ids)

    def test_no_reminder_when_disabled_and_bad_input(self):
        self.company.client_round_date_days_ahead = 0
        self._dates()
        self.env["client.base.round.date"]._cron_round_date_activities(today=TODAY)
        self.assertFalse(self._round_activities())
        with self.assertRaises(ValidationError):
            self.company.client_round_date_days_ahead = -1

    def test_least_rights(self):
        self.assertTrue(self._dates(self.cb_user))
        with self.assertRaises(AccessError):
            self._dates(self.employee)
