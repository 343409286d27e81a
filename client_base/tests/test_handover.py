from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import ClientBaseCommon


@tagged("post_install", "-at_install")
class TestHandover(ClientBaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.newcomer = new_test_user(
            cls.env, login="cb_newcomer", name="Newcomer",
            groups="client_base.group_client_base_user",
        )  # fmt: skip
        cls.client = cls._create_client("Handover Trade SRL")
        cls.contact = cls.env["res.partner"].create(
            {
                "name": "Ion Ciobanu",
                "parent_id": cls.client.id,
                "user_id": cls.cb_user.id,
            }
        )
        cls.quotation = cls._create_order(cls.contact, confirm=False)
        cls.confirmed = cls._create_order(cls.client)
        cls.lead = cls.env["crm.lead"].create(
            {"name": "Next season", "type": "opportunity", "partner_id": cls.client.id,
             "user_id": cls.cb_user.id}
        )  # fmt: skip
        cls.activity = cls.client.activity_schedule(
            "mail.mail_activity_data_call", user_id=cls.cb_user.id
        )
        cls.other_client = cls._create_client("Stays Put SA")

    def _wizard(self, **values):
        return (
            self.env["client.base.handover"].with_user(self.cb_manager).create(values)
        )

    def test_handover_moves_everything_open(self):
        self._wizard(
            partner_ids=[(6, 0, self.client.ids)], to_user_id=self.newcomer.id,
            note="Ana moves to the Iași office",
        ).action_handover()  # fmt: skip
        self.assertEqual(self.client.user_id, self.newcomer)
        self.assertEqual(self.contact.user_id, self.newcomer)
        self.assertEqual(self.quotation.user_id, self.newcomer)
        self.assertEqual(
            self.confirmed.user_id, self.cb_user, "Confirmed orders keep history"
        )
        self.assertEqual(self.lead.user_id, self.newcomer)
        self.assertEqual(self.activity.user_id, self.newcomer)
        self.assertEqual(self.other_client.user_id, self.cb_user)
        self.assertIn("Ana moves to the Iași office", self.client.message_ids[0].body)

    def test_salesperson_leaves_moves_all_their_clients(self):
        self._wizard(
            mode="all", from_user_id=self.cb_user.id, to_user_id=self.newcomer.id
        ).action_handover()
        self.assertEqual((self.client | self.other_client).user_id, self.newcomer)

    def test_bad_handovers_are_refused(self):
        with self.assertRaises(UserError):
            self._wizard(
                mode="all", from_user_id=self.cb_user.id, to_user_id=self.cb_user.id
            ).action_handover()
        with self.assertRaises(UserError):
            self._wizard(
                mode="all", from_user_id=self.newcomer.id, to_user_id=self.cb_user.id
            ).action_handover()  # the newcomer has no client yet
        self.assertEqual(self.client.user_id, self.cb_user)

    def test_salesperson_cannot_hand_over(self):
        with self.assertRaises(AccessError):
            self.env["client.base.handover"].with_user(self.cb_user).create(
                {
                    "partner_ids": [(6, 0, self.client.ids)],
                    "to_user_id": self.newcomer.id,
                }
            )
