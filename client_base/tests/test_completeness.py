from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ClientBaseCommon


@tagged("post_install", "-at_install")
class TestCompleteness(ClientBaseCommon):
    def test_company_profile_score_and_gaps(self):
        client = self._create_client("Profile Grup SRL")
        self.assertEqual(client.client_completeness, 0)
        self.assertIn("Tax ID", client.client_missing_info)
        client.write(
            {
                "vat": "1003600012345",
                "street": "Str. Ștefan cel Mare 1",
                "city": "Chișinău",
                "country_id": self.env.ref("base.md").id,
                "industry_id": self.env.ref("base.res_partner_industry_G").id,
                "email": "office@profile.example.com",
            }
        )
        self.assertEqual(client.client_completeness, 50, "General data: 4 of 8 items")
        client.with_user(self.cb_user).write(
            {
                "client_business_size": "small",
                "client_product_usage": "Bakes bread for three shops",
                "client_plans": "A fourth shop in spring",
            }
        )
        self.assertEqual(client.client_missing_info, "Decision makers")
        self.env["res.partner"].create(
            {"name": "Owner", "parent_id": client.id, "client_is_decision_maker": True}
        )
        self.assertEqual(client.client_completeness, 100)
        self.assertFalse(client.client_missing_info)
        incomplete = self.env["res.partner"].search(
            [("client_completeness", "<", 100), ("id", "=", client.id)]
        )
        self.assertFalse(incomplete)

    def test_person_profile_has_fewer_items(self):
        person = self.env["res.partner"].create(
            {"name": "Maria Lungu", "email": "maria@example.com"}
        )
        self.assertEqual(
            person.client_completeness, 33, "Contact channel: 1 of 3 items"
        )
        self.assertEqual(
            person.client_missing_info, "Address, How they use our products"
        )

    def test_specific_data_is_for_client_base_users(self):
        client = self._create_client("Secret Plans SA", client_plans="Expansion")
        with self.assertRaises(AccessError):
            client.with_user(self.employee).read(["client_plans"])
