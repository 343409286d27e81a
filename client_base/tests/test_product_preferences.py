from unittest.mock import patch

from odoo.exceptions import AccessError
from odoo.sql_db import Cursor
from odoo.tests import tagged
from odoo.tools import SQL

from ..report.client_base_product_preference import CLIENT_STEP
from .common import ClientBaseCommon


@tagged("post_install", "-at_install")
class TestProductPreferences(ClientBaseCommon):
    def test_what_the_client_buys_most(self):
        Product = self.env["product.product"]
        dairy = self.env["product.category"].create({"name": "Dairy"})
        bakery = self.env["product.category"].create({"name": "Bakery"})
        butter = Product.create(
            {"name": "Butter", "categ_id": dairy.id, "taxes_id": []}
        )
        flour = Product.create({"name": "Flour", "categ_id": bakery.id, "taxes_id": []})
        client = self._create_client("Preferences Market")
        contact = self.env["res.partner"].create(
            {"name": "Buyer", "parent_id": client.id}
        )
        for partner, product, price in (
            (client, butter, 300.0),
            (contact, butter, 300.0),
            (client, flour, 400.0),
        ):
            order = self._create_order(partner, confirm=False)
            order.order_line.write({"product_id": product.id, "price_unit": price})
            order.action_confirm()
        old = self._order_on(client, 400, amount=5000.0)  # older than 12 months
        self.assertTrue(old)
        # a new record's one2many is cached empty at create: read it anew
        client.invalidate_recordset(["client_product_preference_ids"])
        preferences = client.with_user(self.cb_user).client_product_preference_ids
        self.assertEqual(preferences.mapped("product_id"), butter | flour)
        top = preferences[0]
        self.assertEqual(
            (top.product_id, top.revenue, top.order_count), (butter, 600.0, 2)
        )
        self.assertEqual(
            client.with_user(self.cb_user).client_top_categories,
            "Dairy (60%), Bakery (40%)",
        )

    def test_rows_read_by_id_are_computed_for_their_clients_only(self):
        """A form reads its client's preferences by id: those rows come from
        that client's lines alone, with the values the whole view gives."""
        product = self.env["product.product"].create({"name": "Kefir", "taxes_id": []})
        clients = self._create_client("Kefir One") | self._create_client("Kefir Two")
        for client, price in zip(clients, (250.0, 700.0), strict=True):
            order = self._create_order(client, confirm=False)
            order.order_line.write({"product_id": product.id, "price_unit": price})
            order.action_confirm()
        Preference = self.env["client.base.product.preference"].with_user(self.cb_user)
        found = Preference.search_read(
            [("product_id", "=", product.id)], ["partner_id", "revenue"]
        )
        self.assertEqual(len(found), 2)
        self.env.invalidate_all()
        queries = []
        execute = Cursor.execute

        def spy(cr, query, params=None, log_exceptions=True):
            queries.append(query.code if isinstance(query, SQL) else str(query))
            return execute(cr, query, params, log_exceptions)

        with patch.object(Cursor, "execute", spy):
            read = Preference.browse([row["id"] for row in found]).read(
                ["partner_id", "revenue"]
            )
        self.assertEqual(read, found)
        fetches = [
            query for query in queries
            if 'FROM "client_base_product_preference"' in query
        ]  # fmt: skip
        self.assertTrue(fetches)
        for query in fetches:
            self.assertIn('"client_base_product_preference"."partner_id" = ANY', query)
        by_client = {row["partner_id"][0]: row["revenue"] for row in read}
        self.assertEqual(by_client, {clients[0].id: 250.0, clients[1].id: 700.0})
        self.assertEqual({row["id"] // CLIENT_STEP for row in read}, set(clients.ids))

    def test_employee_outside_client_base_cannot_read_preferences(self):
        with self.assertRaises(AccessError):
            self.env["client.base.product.preference"].with_user(self.employee).search(
                []
            )
