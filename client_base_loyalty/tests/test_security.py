from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import LoyaltyCommon


@tagged("post_install", "-at_install")
class TestLoyaltySecurity(LoyaltyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_company = cls.env["res.company"].create({"name": "Other Bakery Co"})
        cls.offer = cls.env["client.base.loyalty.offer"].create(
            {"name": "Birthday", "program_id": cls.coupon_program.id}
        )
        other_program = cls.coupon_program.copy({"company_id": cls.other_company.id})
        cls.other_offer = cls.env["client.base.loyalty.offer"].create(
            {
                "name": "Other birthday",
                "program_id": other_program.id,
                "company_id": cls.other_company.id,
            }
        )
        client = cls._create_client("Secure Bakery")
        Log = cls.env["client.base.loyalty.offer.log"]
        cls.logs = Log.create(
            [
                {
                    "offer_id": offer.id,
                    "partner_id": client.id,
                    "client_id": client.id,
                    "company_id": offer.company_id.id,
                    "occasion_date": date(2026, 6, 18),
                    "occasion_key": f"test-{offer.id}",
                }
                for offer in (cls.offer, cls.other_offer)
            ]
        )

    def test_users_read_their_companies_only(self):
        Offer = self.env["client.base.loyalty.offer"].with_user(self.cb_user)
        self.assertEqual(Offer.search([]), self.offer)
        Log = self.env["client.base.loyalty.offer.log"].with_user(self.cb_user)
        self.assertEqual(Log.search([]), self.logs[0])

    def test_users_do_not_configure_offers(self):
        with self.assertRaises(AccessError):
            self.offer.with_user(self.cb_user).days_before = 3
        self.offer.with_user(self.cb_manager).days_before = 3
        self.assertEqual(self.offer.days_before, 3)

    def test_plain_employee_sees_nothing(self):
        for model in (
            "client.base.loyalty.offer",
            "client.base.loyalty.offer.log",
            "client.base.loyalty.tier",
            "client.base.loyalty.tier.history",
            "client.base.audience",
        ):
            with self.assertRaises(AccessError):
                self.env[model].with_user(self.employee).search([])

    def test_nobody_rewrites_history(self):
        with self.assertRaises(AccessError):
            self.logs[0].with_user(self.cb_manager).email_sent = True

    def test_a_colleagues_clients_offers_and_tiers_are_theirs(self):
        colleague = new_test_user(
            self.env,
            login="cb_loy_colleague",
            groups="client_base.group_client_base_user",
        )
        theirs = self._create_client("Their Bakery", user_id=colleague.id)
        nobodys = self._create_client("Nobody's Bakery", user_id=False)
        Log = self.env["client.base.loyalty.offer.log"]
        logs = Log.create(
            [
                {
                    "offer_id": self.offer.id,
                    "partner_id": client.id,
                    "client_id": client.id,
                    "company_id": self.offer.company_id.id,
                    "occasion_date": date(2026, 6, 18),
                    "occasion_key": f"colleague-{client.id}",
                }
                for client in (theirs, nobodys)
            ]
        )
        Card = self.env["loyalty.card"]
        for client in (theirs, nobodys):
            self._issue_card(client, user=self.cb_manager)
        cards = {card.partner_id: card for card in Card.search(
            [("program_id", "=", self.card_program.id),
             ("partner_id", "in", (theirs | nobodys).ids)]
        )}  # fmt: skip
        History = self.env["client.base.loyalty.tier.history"]
        history = History.create(
            [
                {
                    "card_id": cards[client].id,
                    "partner_id": client.id,
                    "program_id": self.card_program.id,
                    "company_id": self.env.company.id,
                    "direction": "up",
                    "spend": 100,
                    "trigger": "job",
                }
                for client in (theirs, nobodys)
            ]
        )
        # the cards are Odoo's to read; their tier and spend are the client's
        cards[theirs].write({"client_tier_spend": 59_795.0})
        mine = Card.with_user(self.cb_user)
        [row] = mine.browse(cards[theirs].id).read(["client_tier_spend", "code"])
        self.assertTrue(row["code"])
        self.assertFalse(row["client_tier_spend"])
        self.assertFalse(
            mine.search_count(
                [("id", "=", cards[theirs].id), ("client_tier_spend", ">", 0)]
            )
        )
        cards[nobodys].write({"client_tier_spend": 10.0})
        self.assertEqual(
            mine.browse(cards[nobodys].id).read(["client_tier_spend"])[0][
                "client_tier_spend"
            ],
            10.0,
        )
        seen_logs = Log.with_user(self.cb_user).search([("id", "in", logs.ids)])
        self.assertEqual(seen_logs.client_id, nobodys)
        seen = History.with_user(self.cb_user).search([("id", "in", history.ids)])
        self.assertEqual(seen.partner_id, nobodys)
        self.assertEqual(
            History.with_user(self.cb_manager).search([("id", "in", history.ids)]),
            history,
        )

    def test_privacy_lookup_finds_the_offers_log(self):
        client = self.logs.client_id
        wizard = (
            self.env["privacy.lookup.wizard"]
            .with_user(self.env.ref("base.user_admin"))
            .create({"name": client.name, "email": client.email or "none@example.com"})
        )
        wizard.action_lookup()
        found = {(line.res_model, line.res_id) for line in wizard.line_ids}
        visible = self.logs.filtered(lambda log: log.company_id == self.env.company)
        for log in visible:
            self.assertIn((log._name, log.id), found)
