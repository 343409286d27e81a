from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import TODAY, ClientBaseCommon


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestWinBack(ClientBaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.plan = cls.env.ref("client_base.mail_activity_plan_winback_dormant")
        cls.company.write(
            {
                "client_base_winback_plan_id": cls.plan.id,
                "client_base_winback_daily_cap": 2,
            }
        )

    def _activities(self, partners):
        return self.env["mail.activity"].search(
            [("res_model", "=", "res.partner"), ("res_id", "in", partners.ids)]
        )

    def _silent_clients(self, count, days_ago=55):
        clients = self.env["res.partner"]
        for n in range(count):
            client = self._create_client(f"Silent Client {n}")
            for extra in range(n + 1):  # more orders: a larger client
                self._order_on(client, days_ago + extra * 20)
            clients |= client
        self._refresh(partners=clients)  # still within 60 days: not dormant yet
        return clients

    def test_plan_goes_to_the_clients_salesperson(self):
        client = self._silent_clients(1)
        scheduler = (
            self.env["mail.activity.schedule"]
            .with_user(self.cb_user)
            .with_context(active_model="res.partner", active_ids=client.ids)
            .create({"res_model": "res.partner", "plan_id": self.plan.id})
        )
        scheduler.action_schedule_plan()
        activities = self._activities(client)
        self.assertEqual(len(activities), 2, "A call and a reminder of current offers")
        self.assertEqual(activities.user_id, self.cb_user)

    def test_turning_dormant_launches_the_plan_within_the_daily_cap(self):
        clients = self._silent_clients(3)
        self.assertFalse(self._activities(clients))
        later = TODAY.replace(day=25)
        changes = self._refresh(partners=clients, today=later)
        self.assertEqual({c["status_to"] for c in changes}, {"dormant"})
        planned = self._activities(clients).mapped("res_id")
        self.assertEqual(len(set(planned)), 2, "The daily cap holds")
        self.assertNotIn(clients[0].id, planned, "Larger clients come first")
        # a second run the same day launches nothing more
        other = self._silent_clients(1)
        self._refresh(partners=other, today=later)
        self.assertFalse(self._activities(other))

    def test_initial_computation_launches_nothing(self):
        client = self._create_client("Old Dormant Client")
        self._order_on(client, 100)
        self.env["client.base.status.history"].search(
            [("partner_id", "=", client.id)]
        ).unlink()
        client.with_company(self.company).sudo().write({"client_status": False})
        self.env["mail.activity"].search([("res_id", "=", client.id)]).unlink()
        self._refresh(partners=client)
        self.assertEqual(client.client_status, "dormant")
        self.assertFalse(self._activities(client))

    def test_salesperson_type_only_on_contact_plans(self):
        plan = self.env["mail.activity.plan"].create(
            {"name": "Lead plan", "res_model": "crm.lead"}
        )
        with self.assertRaises(ValidationError):
            self.env["mail.activity.plan.template"].create(
                {
                    "plan_id": plan.id,
                    "activity_type_id": self.env.ref("mail.mail_activity_data_call").id,
                    "responsible_type": "client_salesperson",
                }
            )

    def test_plan_steps_do_not_repeat_their_activity_type(self):
        """Odoo shows a plan's step as "<activity type>: <summary>": a summary
        starting with a type's name reads "Call: Call: ..." in the wizard. Every
        client plan of the database: the suite's, and the demo story's."""
        types = [
            name.lower() + ":"
            for name in self.env["mail.activity.type"]
            .with_context(active_test=False)
            .search([])
            .mapped("name")
        ]
        steps = self.env["mail.activity.plan.template"].search(
            [("plan_id.res_model", "=", "res.partner")]
        )
        self.assertTrue(
            self.env.ref("client_base.mail_activity_plan_winback_dormant").template_ids
            <= steps
        )
        for step in steps:
            with self.subTest(step=step.summary):
                self.assertTrue(step.summary)
                self.assertFalse(
                    any(step.summary.lower().startswith(prefix) for prefix in types)
                )
