from unittest.mock import patch

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import LoyaltyCommon


@tagged("post_install", "-at_install")
class TestClientCards(LoyaltyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.client = cls._create_client("Card Bakery")
        cls.buyer = cls.env["res.partner"].create(
            {
                "name": "Ann Buyer",
                "parent_id": cls.client.id,
                "email": "ann@bakery.test",
            }
        )
        cls.Card = cls.env["loyalty.card"]

    def _cards(self, program=None):
        return self.Card.search(
            [("program_id", "=", (program or self.card_program).id)]
        )

    def test_issue_card_to_client(self):
        """A salesperson issues the card: it is the client's, with the
        program's points at issue, logged on the client and shown on it."""
        action = self._issue_card(self.client, holder_id=self.buyer.id)
        card = self._cards()
        self.assertEqual(card.partner_id, self.client, "The card is the client's")
        self.assertEqual(card.points, 1)
        self.assertEqual(action["res_id"], card.id)
        self.assertIn(card.code, self.client.message_ids[0].body)
        for partner in (self.client, self.buyer):
            partner.invalidate_recordset()
            self.assertEqual(partner.client_loyalty_card_ids, card)
            self.assertEqual(partner.client_loyalty_points, 1)

    def test_issue_from_the_program(self):
        action = self.card_program.action_open_client_card_issue()
        wizard = (
            self.env["client.base.card.issue"]
            .with_user(self.cb_user)
            .with_context(**action["context"])
            .create({"partner_id": self.client.id})
        )
        self.assertEqual(wizard.program_id, self.card_program)
        self.assertEqual(wizard.points, 1, "The program's points at issue")
        wizard.action_issue()
        self.assertEqual(self._cards().partner_id, self.client)

    def test_salesperson_cannot_choose_balance_or_foreign_holder(self):
        """Cards are created as superuser: a salesperson hands over what the
        program gives, only to the client's own people."""
        self.coupon_program.client_issue_kind = "gift"
        self._issue_card(
            self.client,
            program=self.coupon_program,
            points=1000000,
            expiration_date="2099-01-01",
        )
        gift = self._cards(self.coupon_program)
        self.assertEqual(gift.points, 0, "The program's points at issue")
        self.assertFalse(gift.expiration_date)
        stranger = self.env["res.partner"].create({"name": "Stranger"})
        with self.assertRaises(UserError), self.cr.savepoint():
            self._issue_card(
                self.client, program=self.coupon_program, holder_id=stranger.id
            )
        self.assertEqual(len(self._cards(self.coupon_program)), 1)

    def test_second_card_refused(self):
        self._issue_card(self.client)
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self._issue_card(self.client)
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.Card.create(
                {"program_id": self.card_program.id, "partner_id": self.buyer.id}
            )
        self.assertEqual(len(self._cards()), 1)

    def test_invitations_may_repeat(self):
        self.coupon_program.client_issue_kind = "invitation"
        self._issue_card(
            self.client, program=self.coupon_program, holder_id=self.buyer.id
        )
        self._issue_card(
            self.client, program=self.coupon_program, holder_id=self.buyer.id
        )
        invitations = self._cards(self.coupon_program)
        self.assertEqual(len(invitations), 2)
        self.assertEqual(invitations.partner_id, self.buyer, "Handed to the person")

    def test_card_kind_needs_loyalty_program(self):
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.coupon_program.client_issue_kind = "card"

    def test_program_not_issued_to_clients_refused(self):
        self.coupon_program.client_issue_kind = False
        with self.assertRaises(UserError), self.cr.savepoint():
            self._issue_card(self.client, program=self.coupon_program)
        self.assertFalse(self._cards(self.coupon_program))

    def test_no_card_for_a_colleagues_client(self):
        colleague = new_test_user(
            self.env,
            login="cb_card_colleague",
            groups="client_base.group_client_base_user",
        )
        theirs = self._create_client("Their Card Client", user_id=colleague.id)
        with self.assertRaises(AccessError):
            self._issue_card(theirs)
        self.assertFalse(
            self.env["loyalty.card"].search([("partner_id", "=", theirs.id)])
        )
        self._issue_card(theirs, user=self.cb_manager)
        self.assertTrue(
            self.env["loyalty.card"].search([("partner_id", "=", theirs.id)])
        )

    def test_plain_employee_cannot_issue(self):
        with self.assertRaises(AccessError):
            self._issue_card(self.client, user=self.employee)

    def test_questionnaire_opened_at_the_counter(self):
        self.env.company.client_questionnaire_id = self.env.ref(
            "client_base.survey_client_questionnaire"
        )
        self.card_program.client_questionnaire_at_issue = "counter"
        action = self._issue_card(self.client, holder_id=self.buyer.id)
        self.assertEqual(action["type"], "ir.actions.act_url")
        answer = self.env["survey.user_input"].search(
            [("partner_id", "=", self.buyer.id)]
        )
        self.assertEqual(answer.client_counter_user_id, self.cb_user)
        self.assertIn(answer.access_token, action["url"])
        self.client.invalidate_recordset()
        self.assertEqual(self.client.client_questionnaire_state, "sent")

    def test_questionnaire_sent_by_email(self):
        self.env.company.client_questionnaire_id = self.env.ref(
            "client_base.survey_client_questionnaire"
        )
        self.card_program.client_questionnaire_at_issue = "email"
        self._issue_card(self.client, holder_id=self.buyer.id)
        mail = self.env["mail.mail"].search([("recipient_ids", "in", self.buyer.ids)])
        self.assertTrue(mail, "The questionnaire invitation is mailed to the person")
        answer = self.env["survey.user_input"].search(
            [("partner_id", "=", self.buyer.id)]
        )
        self.assertTrue(answer)
        self.assertIn(answer.access_token, mail.body_html, "The link to their answer")

    def test_questionnaire_email_without_address_leaves_nothing(self):
        self.env.company.client_questionnaire_id = self.env.ref(
            "client_base.survey_client_questionnaire"
        )
        self.card_program.client_questionnaire_at_issue = "email"
        self.buyer.email = False
        with self.assertRaises(UserError), self.cr.savepoint():
            self._issue_card(self.client, holder_id=self.buyer.id)
        self.assertFalse(self._cards(), "No card without its questionnaire")

    def _quotation(self, partner, amount=1000.0):
        order = self._create_order(partner, amount=amount, confirm=False)
        order._update_programs_and_rewards()
        return order

    def _claim(self, order, reward):
        claimable = order._get_claimable_rewards()
        coupon = next(c for c, rewards in claimable.items() if reward in rewards)
        self.assertFalse(order._apply_program_reward(reward, coupon))
        order._update_programs_and_rewards()
        return coupon

    def test_contact_order_uses_the_clients_card(self):
        """Odoo matches cards to the exact order partner; an order placed for
        the client's contact claims the client's card discount, and the card
        earns the order's point."""
        self._issue_card(self.client)
        card = self._cards()
        order = self._quotation(self.buyer)
        reward = self.card_program.reward_ids
        self.assertEqual(self._claim(order, reward), card)
        discount = order.order_line.filtered("is_reward_line")
        self.assertAlmostEqual(discount.price_subtotal, -50.0)
        order.with_user(self.cb_user).action_confirm()
        self.assertEqual(self._cards(), card, "No second card for the contact")
        self.assertEqual(card.points, 1, "One point spent, one point earned")
        history = card.history_ids.filtered(lambda h: h.order_id == order.id)
        self.assertEqual((history.issued, history.used), (1, 1))

    def test_contact_order_without_claim_earns_on_the_clients_card(self):
        self._issue_card(self.client)
        card = self._cards()
        order = self._quotation(self.buyer)
        order.action_confirm()
        self.assertEqual(card.points, 2)
        order._action_cancel()
        self.assertEqual(card.points, 1, "Cancelling takes the point back")

    def test_cancel_takes_back_what_confirmation_gave(self):
        """Cancelling reverses the points recorded at confirmation, even when
        the program's rule changed and the card expired since."""
        self.card_program.rule_ids.write(
            {"reward_point_mode": "money", "reward_point_amount": 0.01}
        )
        self._issue_card(self.client)
        card = self._cards()
        order = self._quotation(self.buyer, amount=1000)
        order.action_confirm()
        self.assertEqual(card.points, 11, "1 at issue + 10 for 1,000 spent")
        self.card_program.rule_ids.reward_point_amount = 1
        card.expiration_date = fields.Date.subtract(fields.Date.today(), days=1)
        order._action_cancel()
        self.assertEqual(card.points, 1)
        self.assertFalse(card.history_ids.filtered(lambda h: h.order_id == order.id))

    def test_card_leaves_when_the_customer_changes(self):
        """A quotation moved to another client loses the first client's card
        and its discount."""
        self._issue_card(self.client)
        card = self._cards()
        order = self._quotation(self.buyer)
        self._claim(order, self.card_program.reward_ids)
        order.partner_id = self._create_client("Other Bakery")
        order._update_programs_and_rewards()
        self.assertNotIn(card, order.applied_coupon_ids)
        self.assertFalse(order.order_line.filtered("is_reward_line"))
        order.action_confirm()
        self.assertEqual(card.points, 1, "The other client earns nothing on it")

    def test_points_computed_once_per_update(self):
        """The held card's points are computed once per update of the
        order's programs, however often sale_loyalty asks for them."""
        self._issue_card(self.client)
        order = self._quotation(self.buyer)
        Order = type(order)
        calls = []
        original = Order._client_base_card_points

        def counted(order_self, card):
            calls.append(card.id)
            return original(order_self, card)

        self._claim(order, self.card_program.reward_ids)
        with patch.object(Order, "_client_base_card_points", counted):
            order._update_programs_and_rewards()
        self.assertEqual(len(calls), 1)
        self.assertTrue(order.order_line.filtered("is_reward_line"))

    def test_client_without_card_gets_none(self):
        """A card program is issued, never handed out by an order."""
        order = self._quotation(self.buyer)
        self.assertFalse(order._get_claimable_rewards())
        order.action_confirm()
        self.assertFalse(self._cards())

    def test_holder_order_works_as_in_odoo(self):
        self._issue_card(self.client)
        card = self._cards()
        order = self._quotation(self.client)
        self._claim(order, self.card_program.reward_ids)
        order.action_confirm()
        self.assertEqual(card.points, 1)
