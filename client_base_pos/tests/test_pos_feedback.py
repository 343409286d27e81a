import re
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.point_of_sale.tests.common import TestPoSCommon


@tagged("post_install", "-at_install")
class TestPosFeedback(TestPoSCommon, HttpCase):
    """Feedback 1-5 after a purchase at the till: off by default; to customers
    who granted email; on the suite's five-point page; a low score to the
    client's salesperson or the shop's manager, not the cashier."""

    def setUp(self):
        super().setUp()
        self.config = self.basic_config
        self.bread = self.create_product("Bread", self.categ_basic, 10.0, 4.0)
        self.salesperson = new_test_user(
            self.env, login="pos_fb_sales", groups="client_base.group_client_base_user"
        )
        self.shop_manager = new_test_user(
            self.env, login="pos_fb_manager", groups="sales_team.group_sale_manager"
        )
        self.config.crm_team_id = self.env["crm.team"].create(
            {"name": "Corner Shop", "user_id": self.shop_manager.id}
        )
        Partner = self.env["res.partner"].sudo()
        self.ana = Partner.create({"name": "Ana Card", "email": "ana@example.com"})
        self.env["client.base.consent"].sudo().create(
            {"partner_id": self.ana.id, "channel": "email", "method": "form"}
        )
        self.bogdan = Partner.create(
            {"name": "Bogdan No Consent", "email": "bogdan@example.com"}
        )
        self.bistro = Partner.create(
            {"name": "Bistro SRL", "is_company": True, "user_id": self.salesperson.id}
        )
        self.chef = Partner.create(
            {
                "name": "Bistro Chef",
                "parent_id": self.bistro.id,
                "email": "chef@example.com",
            }
        )
        self.env["client.base.consent"].sudo().create(
            {"partner_id": self.chef.id, "channel": "email", "method": "form"}
        )
        self.open_new_session()

    def _sell(self, customer, days_ago=4):
        orders = self._create_orders(
            [
                {
                    "pos_order_lines_ui_args": [(self.bread, 1)],
                    "customer": customer,
                    "payments": [(self.cash_pm1, 10.0)],
                }
            ]
        )
        order = next(iter(orders.values()))
        order.date_order = fields.Datetime.now() - timedelta(days=days_ago)
        return order

    def _send(self):
        self.env["pos.order"].sudo()._cron_client_pos_feedback_requests()

    def test_off_by_default_then_to_who_granted_email(self):
        ana, bogdan, early = (
            self._sell(self.ana),
            self._sell(self.bogdan),
            self._sell(self.ana, days_ago=1),
        )
        self.assertFalse(self.company.client_pos_feedback_enabled)
        self._send()
        self.assertFalse(ana.client_feedback_requested, "Off by default")
        self.company.client_pos_feedback_enabled = True
        self._send()
        self.assertTrue(ana.client_feedback_requested)
        self.assertEqual(len(ana.rating_ids), 1)
        self.assertFalse(bogdan.client_feedback_requested, "No email consent")
        self.assertFalse(early.client_feedback_requested, "Not yet due")
        mail = (
            self.env["mail.mail"].sudo().search([("recipient_ids", "in", self.ana.ids)])
        )
        self.assertIn(ana.rating_ids.access_token, mail.body_html)
        self._send()
        self.assertEqual(len(ana.rating_ids), 1, "never twice")

    def _submit(self, order, score, comment, token=None):
        token = token or order.sudo()._rating_get_access_token()
        page = self.url_open(f"/client_base/feedback/{token}/{score}")
        self.assertEqual(page.status_code, 200)
        self.assertIn(order.name, page.text)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        return self.url_open(
            f"/client_base/feedback/{token}/submit",
            data={"csrf_token": csrf, "score": score, "comment": comment},
        )

    def _low(self, order):
        activity_type = self.env.ref(
            "client_base_pos.mail_activity_type_low_pos_feedback"
        )
        client = order.sudo().partner_id.commercial_partner_id
        return client.activity_ids.filtered(
            lambda act: act.activity_type_id == activity_type
        )

    def test_a_low_score_goes_to_the_salesperson_or_the_shop_manager(self):
        chef_order, ana_order = self._sell(self.chef), self._sell(self.ana)
        answer = self._submit(chef_order, 2, "Bread was stale")
        self.assertIn("Thank you", answer.text)
        rating = chef_order.sudo().rating_ids
        self.assertEqual((rating.rating, rating.consumed), (2, True))
        self.assertEqual(self._low(chef_order).user_id, self.salesperson)
        self.assertEqual(rating.rated_partner_id, self.salesperson.partner_id)
        self.assertIn("Bread was stale", self._low(chef_order).note)
        self.bistro.invalidate_recordset()
        self.assertEqual(self.bistro.sudo().client_feedback_average, 2.0)
        # a walk-in without a salesperson: the shop's manager, not the cashier
        self._submit(ana_order, 1, "")
        self.assertEqual(self._low(ana_order).user_id, self.shop_manager)
        self.assertNotEqual(ana_order.user_id, self.shop_manager)

    def test_a_good_score_escalates_nothing_a_bad_one_is_refused(self):
        order = self._sell(self.ana)
        token = order.sudo()._rating_get_access_token()
        self._submit(order, 5, "Lovely", token)
        self.assertFalse(self._low(order))
        answer = self._submit(order, 9, "", token)
        self.assertIn("Choose a score from 1 to 5", answer.text)
        self.assertEqual(order.sudo().rating_ids.rating, 5)

    def test_a_refunded_purchase_is_not_rated(self):
        self.company.client_pos_feedback_enabled = True
        order = self._sell(self.ana)
        order.refund()
        refund = self.pos_session.order_ids.filtered(lambda o: o.state == "draft")
        self.make_payment(refund, self.cash_pm1, -10.0)
        refund.date_order = order.date_order
        self._send()
        self.assertFalse(order.client_feedback_requested)
        self.assertFalse(refund.client_feedback_requested)
