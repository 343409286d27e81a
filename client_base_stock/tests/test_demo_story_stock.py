from datetime import date

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoStoryWithStock(TransactionCase):
    """The story writes its orders set-based; with Odoo's stock installed its
    open quotations are confirmed like any other: their lines procure from
    the company's warehouse."""

    def test_an_open_quotation_of_the_story_confirms(self):
        self.env["client.base.order.threshold"].search([]).action_archive()
        self.env["client.base.demo.story"]._generate(
            scale=0.05, seed=5, today=date(2026, 6, 15)
        )
        quotation = self.env["sale.order"].search(
            [("state", "=", "draft"), ("partner_id.ref", "=like", "CB%")], limit=1
        )
        self.assertTrue(quotation, "The story leaves quotations open")
        warehouse = quotation.warehouse_id
        self.assertTrue(warehouse)
        self.assertEqual(quotation.order_line.warehouse_id, warehouse)
        quotation.action_confirm()
        self.assertEqual(quotation.state, "sale")
        self.assertTrue(quotation.picking_ids, "A delivery from the warehouse")
