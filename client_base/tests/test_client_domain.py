from odoo.tests import tagged

from .common import ClientBaseCommon


@tagged("post_install", "-at_install")
class TestClientDomain(ClientBaseCommon):
    def _clients(self):
        Partner = self.env["res.partner"]
        return Partner.search(Partner._get_client_domain())

    def test_company_with_contact_orders_is_one_client(self):
        company = self._create_client("Codru Trade SRL")
        contact = self.env["res.partner"].create(
            {"name": "Ion Rusu", "parent_id": company.id, "type": "contact"}
        )
        self._create_order(contact)
        clients = self._clients()
        self.assertIn(company, clients)
        self.assertNotIn(contact, clients, "Contacts roll up to their company")

    def test_prospect_with_opportunity_is_client(self):
        prospect = self._create_client("Prospect Impex")
        self.assertNotIn(prospect, self._clients())
        self.env["crm.lead"].create(
            {"name": "First deal", "type": "opportunity", "partner_id": prospect.id}
        )
        self.assertIn(prospect, self._clients())

    def test_users_and_own_companies_are_not_clients(self):
        self._create_order(self.cb_user.partner_id)
        # a quotation is enough to make a client; with Odoo's stock installed a
        # confirmed order to one's own company would need inter-company routes
        self._create_order(self.company.partner_id, confirm=False)
        clients = self._clients()
        self.assertNotIn(self.cb_user.partner_id, clients)
        self.assertNotIn(self.company.partner_id, clients)

    def test_clients_action_uses_the_hook(self):
        client = self._create_client("Nistru Horeca SA")
        self._create_order(client, confirm=False)
        action = self.env["res.partner"].with_user(self.cb_user).action_open_clients()
        self.assertEqual(action["res_model"], "res.partner")
        found = self.env["res.partner"].with_user(self.cb_user).search(action["domain"])
        self.assertIn(client, found)
