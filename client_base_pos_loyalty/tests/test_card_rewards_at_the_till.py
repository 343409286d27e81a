from odoo.fields import Command
from odoo.tests import tagged

from odoo.addons.client_base.tests import common  # noqa: F401 (tours wait for Chromium)
from odoo.addons.client_base_loyalty.tests.common import card_program_values
from odoo.addons.point_of_sale.tests.test_frontend import TestPointOfSaleHttpCommon


@tagged("post_install", "-at_install")
class TestCardRewardsAtTheTill(TestPointOfSaleHttpCommon):
    """The till computes rewards in the browser: a client's people use the
    client's card there, and a tier's reward is for its holders only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        company = cls.main_pos_config.company_id
        env = cls.env(su=True)  # the programme, as a Client Base manager sets it
        cls.program = env["loyalty.program"].create(
            {
                **card_program_values("Honoured Client Card", "Card 5%"),
                "company_id": company.id,
                "pos_config_ids": [Command.link(cls.main_pos_config.id)],
            }
        )
        cls.silver = env["client.base.loyalty.tier"].create(
            {
                "name": "Silver",
                "program_id": cls.program.id,
                "minimum_spend": 25,
                "discount": 7,
            }
        )
        Partner = cls.env["res.partner"]
        cls.chain = Partner.create({"name": "Bakery Chain SRL", "is_company": True})
        Partner.create({"name": "Chain Buyer", "parent_id": cls.chain.id})
        cls.plain = Partner.create({"name": "Plain Shop SRL", "is_company": True})
        cls.plain_buyer = Partner.create(
            {"name": "Plain Buyer", "parent_id": cls.plain.id}
        )
        Card = env["loyalty.card"]
        cls.chain_card = Card.create(
            {"program_id": cls.program.id, "partner_id": cls.chain.id, "points": 3}
        )
        cls.chain_card.client_tier_id = cls.silver
        cls.plain_card = Card.create(
            {"program_id": cls.program.id, "partner_id": cls.plain.id, "points": 3}
        )

    def test_the_loaded_tiers_and_card_tiers(self):
        self.main_pos_config.with_user(self.pos_user).open_ui()
        session = self.main_pos_config.current_session_id.with_user(self.pos_user)
        loaded = session.load_data([])
        tiers = loaded["client.base.loyalty.tier"]
        self.assertNotIn("error", tiers)
        self.assertEqual(
            [(t["id"], t["reward_id"]) for t in tiers["data"]],
            [(self.silver.id, self.silver.reward_id.id)],
        )
        Card = self.env["loyalty.card"].with_user(self.pos_user)
        self.assertEqual(
            Card.get_client_card_for_pos(self.program.id, self.plain_buyer.id),
            self.plain_card.id,
            "A client's person uses the client's card",
        )
        card = Card.browse(self.chain_card.id).read(["client_pos_tier_id"])[0]
        self.assertEqual(card["client_pos_tier_id"][0], self.silver.id)

    def test_card_and_tier_rewards_at_the_till(self):
        self.start_pos_tour("ClientBaseTillCardTour", login="pos_user")
        orders = self.env["pos.order"].search(
            [("session_id.config_id", "=", self.main_pos_config.id)], order="id"
        )
        self.assertEqual(len(orders), 2)
        plain_order, chain_order = orders
        self.assertEqual(plain_order.lines.reward_id.mapped("description"), ["Card 5%"])
        self.assertEqual(chain_order.lines.reward_id, self.silver.reward_id)
        # each client's own card paid and collected: no second card for its people
        self.assertEqual(plain_order.lines.coupon_id, self.plain_card)
        self.assertEqual(chain_order.lines.coupon_id, self.chain_card)
        self.assertEqual(
            self.env["loyalty.card"].search_count(
                [("program_id", "=", self.program.id)]
            ),
            2,
        )
        # 3 points, one spent on the discount, one earned by the order
        self.assertEqual(self.plain_card.points, 3)
