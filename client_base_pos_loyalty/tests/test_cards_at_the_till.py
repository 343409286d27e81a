from odoo.fields import Command
from odoo.tests import tagged

from odoo.addons.client_base_loyalty.tests.common import card_program_values
from odoo.addons.point_of_sale.tests.common import TestPoSCommon


@tagged("post_install", "-at_install")
class TestCardsAtTheTill(TestPoSCommon):
    """A client's card at the till: shared by its contacts, its tier moved by
    what they pay there."""

    def setUp(self):
        super().setUp()
        self.config = self.basic_config
        self.bread = self.create_product("Bread", self.categ_basic, 10.0, 4.0)
        Partner = self.env["res.partner"].sudo()
        self.client = Partner.create({"name": "Bakery Chain SRL", "is_company": True})
        self.buyer = Partner.create(
            {"name": "Chain Buyer", "parent_id": self.client.id}
        )
        self.program = (
            self.env["loyalty.program"]
            .sudo()
            .create(
                {
                    **card_program_values("Honoured Client Card", "Card 5%"),
                    "company_id": self.company.id,
                    "pos_config_ids": [Command.link(self.config.id)],
                }
            )
        )
        self.silver = (
            self.env["client.base.loyalty.tier"]
            .sudo()
            .create(
                {
                    "name": "Silver",
                    "program_id": self.program.id,
                    "minimum_spend": 25,
                    "discount": 7,
                }
            )
        )
        self.card = (
            self.env["loyalty.card"]
            .sudo()
            .create({"program_id": self.program.id, "partner_id": self.client.id})
        )
        self.open_new_session()

    def _card_issued_at_till(self, order, person):
        """The till's call after payment: a new card of the program for
        ``person`` (as pos_loyalty's front end sends it)."""
        return order.confirm_coupon_programs(
            {
                "-1": {
                    "points": 1,
                    "program_id": self.program.id,
                    "coupon_id": -1,
                    "barcode": False,
                    "partner_id": person.id,
                }
            }
        )

    def _sell(self, customer, qty):
        orders = self._create_orders(
            [
                {
                    "pos_order_lines_ui_args": [(self.bread, qty)],
                    "customer": customer,
                    "payments": [(self.cash_pm1, 10.0 * qty)],
                }
            ]
        )
        return next(iter(orders.values()))

    def test_a_contact_collects_points_on_the_clients_card(self):
        order = self._sell(self.buyer, 1)
        # what the till sends after payment: a new card for the customer
        payload = order.confirm_coupon_programs(
            {
                "-1": {
                    "points": 3,
                    "program_id": self.program.id,
                    "coupon_id": -1,
                    "barcode": False,
                    "partner_id": self.buyer.id,
                }
            }
        )
        cards = (
            self.env["loyalty.card"]
            .sudo()
            .search([("program_id", "=", self.program.id)])
        )
        self.assertEqual(cards, self.card, "No second card: the client's is used")
        self.assertEqual(self.card.points, 3)
        self.assertIn(self.card.id, [c["id"] for c in payload["coupon_updates"]])

    def test_a_new_customer_still_gets_a_card(self):
        walk_in = self.env["res.partner"].sudo().create({"name": "Walk-in"})
        order = self._sell(walk_in, 1)
        self._card_issued_at_till(order, walk_in)
        card = (
            self.env["loyalty.card"]
            .sudo()
            .search(
                [("program_id", "=", self.program.id), ("partner_id", "=", walk_in.id)]
            )
        )
        self.assertEqual(card.points, 1)
        self.assertEqual(card.source_pos_order_id, order)

    def test_paying_at_the_till_moves_the_tier(self):
        self._sell(self.buyer, 1)
        self.assertFalse(self.card.client_tier_id, "10 spent, Silver at 25")
        self._sell(self.buyer, 2)
        self.assertEqual(self.card.client_tier_id, self.silver)
        self.assertEqual(self.card.client_tier_spend, 30.0)
        history = (
            self.env["client.base.loyalty.tier.history"]
            .sudo()
            .search([("card_id", "=", self.card.id)])
        )
        self.assertEqual(history.mapped("trigger"), ["pos"])
        # the cashier sees it on the next customer: the tier is on the badge
        # of the client's contact, read as the till reads its customers
        badge = self.buyer.with_user(self.env.user).read(["client_pos_badge"])
        self.assertIn(
            {"kind": "tier", "value": self.silver.id, "label": "Silver"},
            badge[0]["client_pos_badge"],
        )
        # another company's till does not see this company's tiers
        other = self.env["res.company"].sudo().create({"name": "Other Shop Co"})
        elsewhere = self.buyer.sudo().with_company(other)._client_badge()
        self.assertNotIn("tier", [part["kind"] for part in elsewhere[self.buyer.id]])

    def _issue_at_till(self, person):
        self.company.client_questionnaire_id = self.env.ref(
            "client_base.survey_client_questionnaire"
        )
        self.program.client_questionnaire_at_issue = "email"
        order = self._sell(person, 1)
        self._card_issued_at_till(order, person)
        return order

    def _answers(self, person):
        return (
            self.env["survey.user_input"]
            .sudo()
            .search([("partner_id", "=", person.id)])
        )

    def _grant(self, person, channel):
        self.env["client.base.consent"].sudo().create(
            {"partner_id": person.id, "channel": channel, "method": "form"}
        )

    def test_a_card_at_the_till_invites_by_email_with_consent(self):
        walk_in = (
            self.env["res.partner"]
            .sudo()
            .create({"name": "Ana Walk-in", "email": "ana@example.com"})
        )
        self._grant(walk_in, "email")
        order = self._issue_at_till(walk_in)
        self.assertEqual(len(self._answers(walk_in)), 1)
        mail = (
            self.env["mail.mail"].sudo().search([("recipient_ids", "in", walk_in.ids)])
        )
        self.assertTrue(mail, "The invitation is mailed to the card holder")
        self.assertIn(self._answers(walk_in).access_token, mail.body_html)
        note = walk_in.message_ids[:1]
        self.assertIn(order.name, note.body)
        self.assertIn("questionnaire sent by email", note.body)
        # the next card paid there (another order) invites nobody twice
        self._sell(walk_in, 1)
        self.assertEqual(len(self._answers(walk_in)), 1)

    def test_by_sms_where_only_sms_is_granted(self):
        walk_in = (
            self.env["res.partner"]
            .sudo()
            .create(
                {
                    "name": "Radu Walk-in",
                    "email": "radu@example.com",
                    "mobile": "+37360000111",
                }
            )
        )
        self._grant(walk_in, "sms")
        self._issue_at_till(walk_in)
        answer = self._answers(walk_in)
        sms = self.env["sms.sms"].sudo().search([("partner_id", "=", walk_in.id)])
        self.assertEqual(len(sms), 1)
        self.assertIn(answer.access_token, sms.body)
        self.assertFalse(
            self.env["mail.mail"].sudo().search([("recipient_ids", "in", walk_in.ids)]),
            "No email without email consent",
        )

    def test_without_consent_nothing_goes_out_and_the_salesperson_knows(self):
        walk_in = (
            self.env["res.partner"]
            .sudo()
            .create(
                {
                    "name": "Dan Walk-in",
                    "email": "dan@example.com",
                    "mobile": "+37360000222",
                }
            )
        )
        self._issue_at_till(walk_in)
        self.assertFalse(self._answers(walk_in))
        self.assertFalse(
            self.env["sms.sms"].sudo().search([("partner_id", "=", walk_in.id)])
        )
        self.assertIn("no questionnaire sent", walk_in.message_ids[:1].body)

    def test_an_invitation_that_fails_keeps_the_card(self):
        walk_in = (
            self.env["res.partner"]
            .sudo()
            .create({"name": "Eva Walk-in", "email": "eva@example.com"})
        )
        self._grant(walk_in, "email")
        survey = self.env.ref("client_base.survey_client_questionnaire")
        self.company.client_questionnaire_id = survey
        survey.sudo().active = False  # closed meanwhile: Odoo refuses answers
        self._issue_at_till(walk_in)
        card = (
            self.env["loyalty.card"]
            .sudo()
            .search(
                [("program_id", "=", self.program.id), ("partner_id", "=", walk_in.id)]
            )
        )
        self.assertEqual(card.points, 1, "The paid order keeps its card and points")
        self.assertIn("questionnaire not sent", walk_in.message_ids[:1].body)
