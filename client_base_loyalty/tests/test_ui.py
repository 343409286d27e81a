from odoo.tests import HttpCase, new_test_user, tagged

from .common import card_program_values


@tagged("post_install", "-at_install")
class TestLoyaltyTours(HttpCase):
    def test_issue_card_fill_questionnaire_claim_discount(self):
        """A salesperson issues a card to a client, fills its questionnaire in
        at the counter, then claims the card discount on a new quotation for
        one of the client's people."""
        salesperson = new_test_user(
            self.env,
            login="cbl_tour_salesperson",
            name="Tour Salesperson",
            groups="client_base.group_client_base_user",
        )
        self.env.company.client_questionnaire_id = self.env.ref(
            "client_base.survey_client_questionnaire"
        )
        client = self.env["res.partner"].create(
            {"name": "Tour Card Client", "is_company": True, "user_id": salesperson.id}
        )
        self.env["res.partner"].create(
            {"name": "Tour Card Buyer", "parent_id": client.id}
        )
        self.env["product.product"].create(
            {"name": "Tour Card Goods", "list_price": 200.0, "taxes_id": []}
        )
        self.env["loyalty.program"].search([]).action_archive()
        program = self.env["loyalty.program"].create(
            card_program_values(
                "Tour Honoured Card",
                "Tour card 5%",
                points_at_issue=1,
                client_questionnaire_at_issue="counter",
            )
        )
        self.start_tour(
            "/odoo/action-client_base.res_partner_action_clients",
            "client_base_loyalty_issue_card",
            login=salesperson.login,
        )
        card = self.env["loyalty.card"].search([("program_id", "=", program.id)])
        self.assertEqual(card.partner_id, client)
        self.assertEqual(str(client.client_birthday), "1979-11-05")
        order = self.env["sale.order"].search(
            [("partner_id.name", "=", "Tour Card Buyer")]
        )
        reward_line = order.order_line.filtered("is_reward_line")
        self.assertEqual(reward_line.coupon_id, card)
        self.assertAlmostEqual(reward_line.price_subtotal, -10.0)

    def test_cards_and_coupons_menu(self):
        """Keeping Clients › Cards and Coupons lists the clients' cards by
        program for a salesperson (it opened Odoo's program-bound action, an
        error dialog, before)."""
        salesperson = new_test_user(
            self.env,
            login="cbl_tour_cards",
            groups="client_base.group_client_base_user",
        )
        client = self.env["res.partner"].create(
            {"name": "Tour Menu Client", "is_company": True, "user_id": salesperson.id}
        )
        program = self.env["loyalty.program"].create(
            card_program_values("Tour Menu Card", "Tour menu 5%")
        )
        self.env["loyalty.card"].create(
            {"program_id": program.id, "partner_id": client.id}
        )
        self.start_tour(
            "/odoo", "client_base_loyalty_cards_menu", login=salesperson.login
        )
