from datetime import datetime

from freezegun import freeze_time
from lxml import etree

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from odoo.addons.client_base.tests.common import post_invoice

from .common import LoyaltyCommon


@tagged("post_install", "-at_install")
class TestLoyaltyTiers(LoyaltyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Tier = cls.env["client.base.loyalty.tier"]
        cls.silver = Tier.create(
            {
                "name": "Silver",
                "program_id": cls.card_program.id,
                "minimum_spend": 5000,
                "discount": 7,
            }
        )
        cls.gold = Tier.create(
            {
                "name": "Gold",
                "program_id": cls.card_program.id,
                "minimum_spend": 20000,
                "discount": 10,
            }
        )
        cls.client = cls._create_client("Tier Bakery")
        cls.Card = cls.env["loyalty.card"]

    def _card(self, client=None):
        client = client or self.client
        self._issue_card(client)
        return self.Card.search(
            [("partner_id", "=", client.id), ("program_id", "=", self.card_program.id)]
        )

    def _refresh(self, **kwargs):
        return self.Card._client_tier_refresh(self.company, **kwargs)

    def test_tiers_listed_under_keeping_clients_edited_by_managers(self):
        menu = self.env.ref("client_base_loyalty.client_base_loyalty_tier_menu")
        self.assertEqual(
            menu.parent_id,
            self.env.ref("client_base_loyalty.client_base_loyalty_menu_keeping"),
        )
        Tier = self.env["client.base.loyalty.tier"]
        for user, may_edit in ((self.cb_user, False), (self.cb_manager, True)):
            self.assertIn(
                menu.id, self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
            )
            arch = Tier.with_user(user).get_views([(False, "list")])["views"]["list"]
            root = etree.fromstring(arch["arch"])
            self.assertEqual(root.get("create") != "False", may_edit, user.login)
            self.assertEqual(root.get("edit") != "False", may_edit, user.login)
            self.assertEqual(
                Tier.with_user(user).search(
                    [("program_id", "=", self.card_program.id)]
                ),
                self.silver | self.gold,
            )
        tier = Tier.with_user(self.cb_manager).create(
            {
                "name": "Platinum",
                "program_id": self.card_program.id,
                "minimum_spend": 50000,
                "discount": 15,
            }
        )
        self.assertEqual(tier.reward_id.discount, 15)
        tier.discount = 16
        self.assertEqual(tier.reward_id.discount, 16)
        reward = tier.reward_id
        tier.unlink()
        self.assertFalse(reward.active, "Kept for the orders that claimed it")

    def test_a_ladder_grouped_by_program_adds_no_spends(self):
        """Steps of a ladder do not add up: a group of tiers shows no sum."""
        groups = self.env["client.base.loyalty.tier"].web_read_group(
            [("program_id", "=", self.card_program.id)],
            ["minimum_spend", "discount"],
            ["program_id"],
        )["groups"]
        self.assertEqual(groups[0]["program_id_count"], 2)
        self.assertNotIn("minimum_spend", groups[0])
        self.assertNotIn("discount", groups[0])

    def test_a_tier_opens_its_card_holders(self):
        with freeze_time(datetime(2026, 1, 10, 12)):
            self._create_order(self.client, amount=6000)
        card = self._card()
        with freeze_time(datetime(2026, 3, 1, 12)):
            self._refresh()
        self.assertEqual(self.silver.card_count, 1)
        action = self.silver.action_open_cards()
        self.assertEqual(self.Card.search(action["domain"]), card)
        self.assertFalse(self.Card.search(self.gold.action_open_cards()["domain"]))

    def test_ladder_must_increase(self):
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.gold.discount = 5
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.gold.minimum_spend = 5000
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.silver.discount = 0
        self.assertEqual(self.gold.discount, 10)

    def test_tiers_only_on_card_programs(self):
        with self.assertRaises(ValidationError), self.cr.savepoint():
            self.env["client.base.loyalty.tier"].create(
                {
                    "name": "Bronze",
                    "program_id": self.coupon_program.id,
                    "minimum_spend": 100,
                    "discount": 1,
                }
            )

    def test_tier_reward_follows_discount(self):
        self.assertEqual(self.gold.reward_id.discount, 10)
        self.assertEqual(self.gold.reward_id.program_id, self.card_program)
        self.gold.discount = 12
        self.assertEqual(self.gold.reward_id.discount, 12)

    def test_promoted_and_demoted_by_the_job(self):
        with freeze_time(datetime(2026, 1, 10, 12)):
            self._create_order(self.client, amount=6000)
        card = self._card()
        self.assertFalse(card.client_tier_id, "Issued today, tiered by the job")
        with freeze_time(datetime(2026, 3, 1, 12)):
            changes = self._refresh()
            self.assertEqual(card.client_tier_id, self.silver)
            self.assertEqual(card.client_tier_spend, 6000)
            self.assertEqual(changes.direction, "up")
            self.assertEqual(changes.new_tier_id, self.silver)
            self.assertIn("Silver", self.client.message_ids[0].body)
            self.assertFalse(self._refresh(), "A second run changes nothing")
        with freeze_time(datetime(2027, 2, 1, 12)):
            changes = self._refresh()
            self.assertFalse(card.client_tier_id, "A year later the spend is gone")
            self.assertEqual(changes.direction, "down")
            self.assertEqual(changes.old_tier_id, self.silver)
        self.assertEqual(len(self.client.client_loyalty_tier_history_ids), 2)

    def test_on_the_invoice_basis_the_spend_is_invoiced_net_of_refunds(self):
        card = self._card()
        with freeze_time(datetime(2026, 1, 10, 12)):
            self._create_order(self.client, amount=30000)
            self.company.client_purchase_basis = "invoice"
            post_invoice(self.env, self.client, "2026-01-10", 8000)
            post_invoice(self.env, self.client, "2026-01-10", 2000, "out_refund")
        with freeze_time(datetime(2026, 3, 1, 12)):
            self._refresh()
        self.assertEqual(card.client_tier_spend, 6000, "8000 invoiced - 2000, no order")
        self.assertEqual(card.client_tier_id, self.silver)

    def test_on_the_invoice_basis_posting_moves_the_tier(self):
        card = self._card()
        self.company.client_purchase_basis = "invoice"
        self._create_order(self.client, amount=30000)
        self.assertFalse(card.client_tier_id, "An order is no purchase here")
        invoice = post_invoice(self.env, self.client, fields.Date.today(), 8000)
        self.assertEqual(card.client_tier_id, self.silver)
        self.assertEqual(card.client_tier_spend, 8000)
        history = self.client.client_loyalty_tier_history_ids
        self.assertEqual(history.mapped("trigger"), ["invoice"])
        invoice.button_draft()
        self.assertFalse(card.client_tier_id, "Reset to draft: no purchase")

    def test_a_merge_counts_the_merged_clients_spend(self):
        card = self._card()
        self._create_order(self.client, amount=6000)
        self.assertEqual(card.client_tier_id, self.silver)
        duplicate = self._create_client("Tier Bakery (duplicate)")
        order = self._create_order(duplicate, amount=15000)
        self.env["base.partner.merge.automatic.wizard"].create({})._merge(
            (self.client | duplicate).ids, self.client, extra_checks=False
        )
        self.assertEqual(order.partner_id, self.client)
        card.invalidate_recordset()
        self.assertEqual(card.client_tier_id, self.gold, "6000 + 15000")

    def test_promoted_on_order_confirmation(self):
        """Orders of the client's contacts count for the client's card."""
        card = self._card()
        buyer = self.env["res.partner"].create(
            {"name": "Tier Buyer", "parent_id": self.client.id}
        )
        self._create_order(buyer, amount=21000)
        self.assertEqual(card.client_tier_id, self.gold)
        change = card.client_tier_history_ids
        self.assertEqual((change.trigger, change.new_tier_id), ("order", self.gold))
        self.assertIn(self.gold, self.client.client_loyalty_tier_ids)

    def test_tier_reward_only_for_its_holders(self):
        card = self._card()
        self._create_order(self.client, amount=6000)
        self.assertEqual(card.client_tier_id, self.silver)
        order = self._create_order(self.client, amount=100, confirm=False)
        order._update_programs_and_rewards()
        claimable = order._get_claimable_rewards()[card]
        self.assertIn(self.silver.reward_id, claimable)
        self.assertNotIn(self.gold.reward_id, claimable)
        self.assertTrue(order._apply_program_reward(self.gold.reward_id, card))

    def test_refresh_queries_do_not_grow(self):
        """One statement whatever the number of cards that change."""
        clients = [self._create_client(f"Tier Client {i}") for i in range(13)]
        for client in clients:
            self._create_order(client, amount=6000)
        for client in clients:
            self._card(client)
        Card = self.Card.sudo()

        def queries(partner_ids):
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            changes = Card._client_tier_refresh(self.company, partner_ids=partner_ids)
            return self.cr.sql_log_count - before, len(changes)

        queries([clients[12].id])  # warm caches (the notes' translations)
        one = queries([clients[0].id])
        eleven = queries([c.id for c in clients[1:12]])
        self.assertEqual((one[1], eleven[1]), (1, 11))
        self.assertEqual(one[0], eleven[0])

    def test_program_of_one_company_counts_its_orders(self):
        """A program of a company counts that company's orders; one shared
        by all companies counts all of them, whichever company refreshes."""
        other = self.env["res.company"].create({"name": "Tier Other Co"})
        card = self._card()
        self._create_order(self.client, amount=3000)
        self._create_order(self.client, amount=3000, company_id=other.id)
        self._refresh()
        self.Card.sudo()._client_tier_refresh(other)
        self.assertEqual(card.client_tier_spend, 3000)
        self.card_program.company_id = False
        self._refresh()
        self.assertEqual(card.client_tier_spend, 6000)
        self.Card.sudo()._client_tier_refresh(other)
        self.assertEqual(card.client_tier_spend, 6000, "No flip-flop")
        self.assertEqual(card.client_tier_id, self.silver)

    def test_branch_orders_count_for_the_parents_program(self):
        branch = self.env["res.company"].create(
            {"name": "Tier Branch", "parent_id": self.company.id}
        )
        card = self._card()
        self._create_order(self.client, amount=6000, company_id=branch.id)
        self.assertEqual(card.client_tier_spend, 6000)
        self.assertEqual(card.client_tier_id, self.silver)

    def test_shared_program_values_spend_in_its_currency(self):
        """A program shared by companies of different currencies sums their
        orders in its own currency; its changes belong to no company."""
        currency = self.company.currency_id
        foreign = self.env.ref("base.EUR" if currency.name != "EUR" else "base.USD")
        foreign.active = True
        other = self.env["res.company"].create(
            {"name": "Tier Euro Co", "currency_id": foreign.id}
        )
        # in that company one foreign unit is worth two of the program's
        self.env["res.currency.rate"].create(
            [
                {"currency_id": currency.id, "rate": 1.0, "company_id": other.id},
                {"currency_id": foreign.id, "rate": 0.5, "company_id": other.id},
            ]
        )
        self.card_program.company_id = False
        card = self._card()
        self._create_order(self.client, amount=1000)
        self._create_order(self.client, amount=2000, company_id=other.id)
        self.assertEqual(card.client_tier_spend, 5000)
        self.assertEqual(card.client_tier_id, self.silver)
        self.assertFalse(card.client_tier_history_ids.company_id)

    def test_cancel_demotes_at_once(self):
        card = self._card()
        order = self._create_order(self.client, amount=21000)
        self.assertEqual(card.client_tier_id, self.gold)
        order._action_cancel()
        self.assertFalse(card.client_tier_id)
        self.assertEqual(card.client_tier_history_ids[0].trigger, "cancel")

    def test_demoted_tier_reward_leaves_the_quotation(self):
        card = self._card()
        self._create_order(self.client, amount=6000)
        order = self._create_order(self.client, amount=100, confirm=False)
        order._update_programs_and_rewards()
        self.assertFalse(order._apply_program_reward(self.silver.reward_id, card))
        order._update_programs_and_rewards()
        self.assertTrue(order.order_line.filtered("is_reward_line"))
        card.client_tier_id = False
        order._update_programs_and_rewards()
        self.assertFalse(order.order_line.filtered("is_reward_line"))

    def test_search_clients_by_tier_name(self):
        card = self._card()
        self._create_order(self.client, amount=6000)
        self.assertEqual(card.client_tier_id, self.silver)
        Partner = self.env["res.partner"].with_user(self.cb_user)
        found = Partner.search([("client_loyalty_tier_ids", "ilike", "silv")])
        self.assertIn(self.client, found)
        others = Partner.search([("client_loyalty_tier_ids", "not ilike", "silv")])
        self.assertNotIn(self.client, others)
        self.assertFalse(
            Partner.search([("client_loyalty_tier_ids", "ilike", "gold")]) & self.client
        )
