from datetime import timedelta

from freezegun import freeze_time

from odoo import fields
from odoo.fields import Command
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestFeedbackAfterDelivery(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.write(
            {"client_feedback_enabled": True, "client_feedback_delay_days": 2}
        )
        cls.env["client.base.order.threshold"].search([]).action_archive()
        cls.salesperson = new_test_user(
            cls.env, login="cbs_user", groups="client_base.group_client_base_user"
        )
        cls.client = cls.env["res.partner"].create(
            {"name": "Delivered Client", "is_company": True, "email": "d@example.com"}
        )
        cls.product = cls.env["product.product"].create(
            {"name": "Delivered Goods", "is_storable": True, "taxes_id": []}
        )
        cls.env["stock.quant"]._update_available_quantity(
            cls.product, cls.env.ref("stock.warehouse0").lot_stock_id, 10
        )

    def test_request_runs_from_the_delivery(self):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.client.id,
                "user_id": self.salesperson.id,
                "order_line": [
                    Command.create({"product_id": self.product.id, "price_unit": 50})
                ],
            }
        )
        order.action_confirm()
        order.date_order = fields.Datetime.now() - timedelta(days=10)
        Order = self.env["sale.order"]
        Order._cron_client_feedback_requests()
        self.assertFalse(order.client_feedback_requested, "not delivered yet")

        picking = order.picking_ids
        picking.move_ids.quantity = 1
        picking.button_validate()
        self.assertEqual(picking.state, "done")
        Order._cron_client_feedback_requests()
        self.assertFalse(order.client_feedback_requested, "delivered today")

        with freeze_time(fields.Datetime.now() + timedelta(days=3)):
            Order._cron_client_feedback_requests()
        self.assertTrue(order.client_feedback_requested)
        self.assertEqual(len(order.rating_ids), 1)

    def test_nothing_to_deliver_runs_from_the_order(self):
        service = self.env["product.product"].create(
            {"name": "Setup Service", "type": "service", "taxes_id": []}
        )
        order = self.env["sale.order"].create(
            {
                "partner_id": self.client.id,
                "order_line": [Command.create({"product_id": service.id})],
            }
        )
        order.action_confirm()
        self.assertFalse(order.picking_ids)
        order.date_order = fields.Datetime.now() - timedelta(days=3)
        self.env["sale.order"]._cron_client_feedback_requests()
        self.assertTrue(order.client_feedback_requested)
