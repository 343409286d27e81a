from odoo.exceptions import AccessError
from odoo.tests import tagged

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

    def test_employee_outside_client_base_cannot_read_preferences(self):
        with self.assertRaises(AccessError):
            self.env["client.base.product.preference"].with_user(self.employee).search(
                []
            )
