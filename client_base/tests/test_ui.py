from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestClientBaseTours(HttpCase):
    """Browser tours of client_base, in one class so the assets compile once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesperson = new_test_user(
            cls.env, login="cb_tour_user", name="Tour Salesperson",
            groups="client_base.group_client_base_user",
        )
        cls.client = cls.env["res.partner"].create(
            {"name": "Tour Client Wholesale", "is_company": True, "user_id": cls.salesperson.id}
        )
        product = cls.env["product.product"].create({"name": "Tour Product", "list_price": 50.0})
        cls.env["sale.order"].create(
            {
                "partner_id": cls.client.id,
                "user_id": cls.salesperson.id,
                "order_line": [(0, 0, {"product_id": product.id, "product_uom_qty": 2})],
            }
        ).action_confirm()

    def test_open_client(self):
        self.start_tour("/odoo", "client_base_open_client", login=self.salesperson.login)
