from odoo.tests import tagged

from .common import ClientBaseCommon


@tagged("post_install", "-at_install")
class TestClientDomain(ClientBaseCommon):
    def _buyer_of_each_kind(self):
        """A client by a contact's quotation (and that contact), one by an
        opportunity, one by a customer rank, and a prospect with none."""
        Partner = self.env["res.partner"]
        by_contact = self._create_client("Codru Trade SRL")
        contact = Partner.create({"name": "Ion Rusu", "parent_id": by_contact.id})
        self._create_order(contact, confirm=False)
        by_lead = self._create_client("Prospect Impex")
        self.env["crm.lead"].create(
            {"name": "First deal", "type": "opportunity", "partner_id": by_lead.id}
        )
        ranked = self._create_client("Ranked Agro SA", customer_rank=1)
        prospect = self._create_client("Nobody Yet SRL")
        return by_contact, contact, by_lead, ranked, prospect

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

    def test_clients_among_some_partners_are_the_clients_among_all(self):
        """The domain kept to a few partners (a form, the till's customers)
        finds what the whole-base domain finds among them, through each kind
        of buyer: an order of a contact, an opportunity, a customer rank; and
        leaves out contacts, prospects, users and the company's own partner."""
        Partner = self.env["res.partner"]
        by_contact, contact, by_lead, ranked, prospect = self._buyer_of_each_kind()
        self._create_order(self.cb_user.partner_id, confirm=False)
        partners = (
            by_contact | contact | by_lead | ranked | prospect
            | self.cb_user.partner_id | self.company.partner_id
        )  # fmt: skip
        among = Partner.search(Partner._get_client_domain(among=partners.ids))
        everywhere = Partner.search(Partner._get_client_domain()) & partners
        self.assertEqual(among, everywhere)
        self.assertEqual(among, by_contact | by_lead | ranked)
        self.assertFalse(Partner.search(Partner._get_client_domain(among=[])))

    def test_buyers_probed_per_partner_are_the_buyers_of_the_subquery(self):
        """The client domain's buyers read as a condition on each partner
        searched (correlated) and as the subquery of every buyer select the
        same partners, and its negation the others."""
        Partner = self.env["res.partner"]
        by_contact, contact, by_lead, ranked, prospect = self._buyer_of_each_kind()
        buyers = Partner._get_client_buyers_sql()
        probed = Partner.search([("id", "in", buyers)])
        self.env.cr.execute(buyers)
        selected = Partner.browse(row[0] for row in self.env.cr.fetchall())
        self.assertEqual(probed, selected)
        self.assertTrue(by_contact | by_lead | ranked <= probed)
        self.assertNotIn(prospect, probed)
        self.assertNotIn(contact, probed, "a contact's orders are its company's")
        others = Partner.search([("id", "not in", buyers)])
        self.assertIn(prospect, others)
        self.assertFalse(others & probed)
        self.assertEqual(
            Partner.search_count([]), len(others) + len(probed), "every partner once"
        )
        query = Partner._search([("id", "in", buyers)])
        self.assertIn("buyer.commercial_partner_id =", query.select().code)

    def test_visible_data_probed_per_partner_is_the_subquerys(self):
        """A salesperson's visible clients (theirs or nobody's) read as a
        condition on each partner searched select what the subquery over the
        whole table selects."""
        Partner = self.env["res.partner"]
        mine = self._create_client("Visible Mine SRL")
        mine.user_id = self.cb_user
        theirs = self._create_client("Visible Theirs SRL")
        theirs.user_id = self.env.ref("base.user_admin")
        nobodys = self._create_client("Visible Nobody SRL")
        Seen = Partner.with_user(self.cb_user)
        domain = Seen._search_client_base_data_visible("=", True)
        probed = Seen.sudo().with_context(active_test=False).search(domain)
        subquery = domain[0][2]
        self.env.cr.execute(subquery)
        selected = Partner.browse(row[0] for row in self.env.cr.fetchall())
        self.assertEqual(probed, selected)
        self.assertTrue(mine | nobodys <= probed)
        self.assertNotIn(theirs, probed)
        query = Seen.sudo()._search(domain)
        self.assertIn(
            'client_base_client.id = "res_partner"."commercial_partner_id"',
            query.select().code,
        )
