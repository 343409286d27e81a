import json

from odoo.fields import Command
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.account_payment.tests.common import AccountPaymentCommon
from odoo.addons.payment.tests.http_common import PaymentHttpCommon

# a one-pixel PNG: a signature the portal can decode
PIXEL = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAA"
    "SUVORK5CYII="
)


@tagged("post_install", "-at_install")
class TestThresholdPortal(AccountPaymentCommon, PaymentHttpCommon):
    """On the customer portal a quotation below its minimum can be neither
    signed nor paid; a payment that arrives anyway confirms the order."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = new_test_user(
            cls.env,
            login="cb_portal_manager",
            groups="client_base.group_client_base_manager",
            company_ids=[Command.set(cls.env.company.ids)],
        )
        Rule = cls.env["client.base.order.threshold"].sudo()
        Rule.search([]).action_archive()
        cls.rule = Rule.create(
            {"company_id": cls.env.company.id, "amount_first": 0, "amount_repeat": 500}
        )
        cls.client = cls.env["res.partner"].create(
            {"name": "Portal Client", "is_company": True, "email": "pc@example.com"}
        )
        cls.goods = cls.env["product.product"].create(
            {"name": "Portal Goods", "taxes_id": [], "lst_price": 100}
        )
        cls._quotation(50).action_confirm()  # the trial order

    @classmethod
    def _quotation(cls, amount, **values):
        return cls.env["sale.order"].create(
            {
                "partner_id": cls.client.id,
                "order_line": [
                    Command.create({"product_id": cls.goods.id, "price_unit": amount})
                ],
                **values,
            }
        )

    def test_below_minimum_can_be_neither_signed_nor_paid(self):
        order = self._quotation(200, require_signature=True, require_payment=True)
        token = order._portal_ensure_token()
        self.assertFalse(order._has_to_be_signed())
        self.assertFalse(order._has_to_be_paid())

        page = self.url_open(f"/my/orders/{order.id}?access_token={token}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("client_threshold_portal_alert", page.text)
        self.assertIn("below the minimum order amount", page.text)

        answer = self.make_jsonrpc_request(
            f"/my/orders/{order.id}/accept",
            {"access_token": token, "name": "Buyer", "signature": PIXEL},
        )
        self.assertIn("error", answer)
        self.assertFalse(order.signature)
        self.assertEqual(order.state, "draft")

        with mute_logger("odoo.http"):
            response = self.url_open(
                f"/my/orders/{order.id}/transaction",
                data=json.dumps(
                    {
                        "jsonrpc": "2.0",
                        "method": "call",
                        "params": {
                            "access_token": token,
                            "provider_id": self.provider.id,
                            "payment_method_id": self.payment_method_id,
                            "token_id": None,
                            "amount": order.amount_total,
                            "flow": "direct",
                            "tokenization_requested": False,
                            "landing_route": "/my/orders",
                        },
                    }
                ),
                headers={"Content-Type": "application/json"},
            )
        error = response.json()["error"]["data"]
        self.assertEqual(error["name"], "odoo.exceptions.ValidationError")
        self.assertIn("below the minimum order amount", error["message"])
        self.assertFalse(order.transaction_ids)

    def test_external_api_confirmation_is_refused(self):
        salesperson = new_test_user(
            self.env,
            login="cb_rpc_salesperson",
            groups="client_base.group_client_base_user",
            company_ids=[Command.set(self.env.company.ids)],
        )
        order = self._quotation(200, user_id=salesperson.id)
        self.authenticate("cb_rpc_salesperson", "cb_rpc_salesperson")
        with mute_logger("odoo.http"):
            response = self.url_open(
                "/web/dataset/call_kw/sale.order/action_confirm",
                data=json.dumps(
                    {
                        "jsonrpc": "2.0",
                        "method": "call",
                        "params": {
                            "model": "sale.order",
                            "method": "action_confirm",
                            "args": [order.ids],
                            "kwargs": {"context": {"client_threshold_skip": True}},
                        },
                    }
                ),
                headers={"Content-Type": "application/json"},
            )
        error = response.json()["error"]["data"]
        self.assertEqual(error["name"], "odoo.exceptions.UserError")
        self.assertIn(order.name, error["message"])
        self.assertEqual(order.state, "draft")

    def test_completed_quotation_can_be_signed(self):
        order = self._quotation(200, require_signature=True, require_payment=False)
        order.order_line = [
            Command.create({"product_id": self.goods.id, "price_unit": 300})
        ]
        token = order._portal_ensure_token()
        self.assertTrue(order._has_to_be_signed())
        answer = self.make_jsonrpc_request(
            f"/my/orders/{order.id}/accept",
            {"access_token": token, "name": "Buyer", "signature": PIXEL},
        )
        self.assertNotIn("error", answer)
        self.assertEqual(order.state, "sale")

    def test_payment_arriving_anyway_confirms_with_an_override(self):
        order = self._quotation(200, require_payment=True)
        tx = self._create_transaction(
            "redirect",
            reference="CB-PAID-BELOW",
            amount=order.amount_total,
            currency_id=order.currency_id.id,
            partner_id=self.client.id,
            sale_order_ids=[Command.set(order.ids)],
        )
        with mute_logger("odoo.addons.sale.models.payment_transaction"):
            tx._set_done()
            tx._post_process()
        self.assertEqual(order.state, "sale")
        override = order.client_threshold_override_ids
        self.assertEqual(
            (override.automatic, override.reason, override.amount, override.threshold),
            (True, "payment", 200, 500),
        )
        self.assertEqual(override.note, "CB-PAID-BELOW")
        activity = order.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertTrue(
            activity.user_id.has_group("client_base.group_client_base_manager")
        )
        self.assertIn("CB-PAID-BELOW", activity.note)
