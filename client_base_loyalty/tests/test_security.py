from datetime import date

from odoo.exceptions import AccessError
from odoo.tests import tagged

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
