from datetime import date

from odoo.tests import tagged

from odoo.addons.client_base.tests.common import ClientBaseCommon, post_invoice


@tagged("post_install", "-at_install")
class TestPurchaseMargin(ClientBaseCommon):
    """With Odoo's margins, a purchase carries its order's gross margin."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product.standard_price = 60.0
        cls.client = cls._create_client("Margin Mill SRL")
        cls.Purchase = cls.env["client.base.purchase"]

    def _purchases(self):
        self.env.flush_all()
        self.Purchase.invalidate_model()
        return self.Purchase.search([("partner_id", "=", self.client.id)])

    def test_an_orders_margin_in_the_company_currency(self):
        order = self._create_order(self.client, amount=100.0)
        order.order_line.product_uom_qty = 2
        self.assertEqual(order.margin, 80.0)
        purchase = self._purchases()
        self.assertEqual((purchase.amount, purchase.margin), (200.0, 80.0))
        self.assertTrue(self.Purchase._margin_known("order"))

    def test_an_invoice_has_no_margin(self):
        self.company.client_purchase_basis = "invoice"
        post_invoice(self.env, self.client, date(2026, 5, 2), 100.0)
        purchase = self._purchases()
        self.assertEqual(purchase.amount, 100.0)
        self.assertFalse(purchase.margin)
        self.assertFalse(self.Purchase._margin_known("invoice"))
