import re
from datetime import timedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.fields import Command
from odoo.tests import HttpCase, new_test_user, tagged

from .common import load_languages, shipped_translation


@tagged("post_install", "-at_install")
class TestFeedback(HttpCase):
    """Feedback 1-5: the request after the delay, the five-point page, the
    escalation of a low score, the client's average, who sees what."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.write(
            {"client_feedback_enabled": True, "client_feedback_delay_days": 3}
        )
        cls.salesperson = new_test_user(
            cls.env, login="cb_fb_user", groups="client_base.group_client_base_user"
        )
        cls.other_salesperson = new_test_user(
            cls.env, login="cb_fb_other", groups="client_base.group_client_base_user"
        )
        cls.leader = new_test_user(
            cls.env,
            login="cb_fb_leader",
            groups="client_base.group_client_base_manager",
        )
        cls.team = cls.env["crm.team"].create(
            {"name": "Feedback Team", "user_id": cls.leader.id}
        )
        cls.client = cls.env["res.partner"].create(
            {
                "name": "Feedback Bistro",
                "is_company": True,
                "email": "bistro@example.com",
            }
        )
        cls.buyer = cls.env["res.partner"].create(
            {
                "name": "Ana Buyer",
                "parent_id": cls.client.id,
                "email": "ana@example.com",
            }
        )
        cls.product = cls.env["product.product"].create(
            # a service: with Odoo's stock, goods would be rated after delivery
            {
                "name": "Feedback Service",
                "type": "service",
                "list_price": 100,
                "taxes_id": [],
            }
        )
        cls.env["client.base.order.threshold"].search([]).action_archive()

    def _order(self, days_ago, user=None, partner=None):
        order = self.env["sale.order"].create(
            {
                "partner_id": (partner or self.buyer).id,
                "user_id": (user or self.salesperson).id,
                "team_id": self.team.id,
                "order_line": [Command.create({"product_id": self.product.id})],
            }
        )
        order.action_confirm()
        order.date_order = fields.Datetime.now() - timedelta(days=days_ago)
        return order

    def test_request_sent_once_after_the_delay(self):
        due, early = self._order(days_ago=4), self._order(days_ago=1)
        self.env["sale.order"]._cron_client_feedback_requests()
        self.assertTrue(due.client_feedback_requested)
        self.assertFalse(early.client_feedback_requested)
        self.assertEqual(len(due.rating_ids), 1, "the token's rating")
        self.assertFalse(due.rating_ids.consumed)
        self.assertIn(
            due.rating_ids.access_token, "".join(due.message_ids.mapped("body"))
        )
        self.env["sale.order"]._cron_client_feedback_requests()
        self.assertEqual(len(due.rating_ids), 1, "never twice")

    def _submit(self, token, score, comment):
        page = self.url_open(f"/client_base/feedback/{token}/{score}")
        self.assertEqual(page.status_code, 200)
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        return page, self.url_open(
            f"/client_base/feedback/{token}/submit",
            data={"csrf_token": csrf, "score": score, "comment": comment},
        )

    def test_low_score_on_the_five_point_page_escalates(self):
        order = self._order(days_ago=4)
        token = order._rating_get_access_token()
        page, answer = self._submit(token, 2, "Late and one box broken")
        self.assertEqual(page.text.count('name="score"'), 5, "five points, not three")
        self.assertIn("Thank you", answer.text)
        rating = order.rating_ids
        self.assertEqual((rating.rating, rating.consumed), (2, True))
        self.assertEqual(rating.feedback, "Late and one box broken")
        low = order.activity_ids.filtered(
            lambda act: (
                act.activity_type_id
                == self.env.ref("client_base.mail_activity_type_low_feedback")
            )
        )
        self.assertEqual(low.user_id, self.salesperson | self.leader)
        self.assertIn("one box broken", low[0].note)
        self.assertEqual(self.client.client_feedback_average, 2.0)
        self.assertEqual(self.client.client_feedback_rating_ids, rating)

    def _low_feedback_activities(self, order):
        return order.activity_ids.filtered(
            lambda act: (
                act.activity_type_id
                == self.env.ref("client_base.mail_activity_type_low_feedback")
            )
        )

    def test_comment_is_plain_text_in_the_activity_note(self):
        """Links and images in a client's comment never become live HTML for
        the salesperson reading the escalation."""
        order = self._order(days_ago=4)
        comment = (
            '<a href="https://evil.example/">Claim your refund</a>'
            '<img src="https://evil.example/pixel.png">\nCall me'
        )
        __, answer = self._submit(order._rating_get_access_token(), 1, comment)
        self.assertIn("Thank you", answer.text)
        self.assertEqual(order.rating_ids.feedback, comment, "stored as typed")
        for activity in self._low_feedback_activities(order):
            self.assertNotIn("<a ", activity.note)
            self.assertNotIn("<img", activity.note)
            self.assertIn("&lt;a href=", activity.note)
            self.assertIn("Claim your refund", activity.note)
            self.assertIn("<br>Call me", activity.note, "its lines kept")

    def test_too_long_comment_refused_on_the_page(self):
        order = self._order(days_ago=4)
        token = order._rating_get_access_token()
        __, answer = self._submit(token, 1, "x" * 2001)
        self.assertEqual(answer.status_code, 200)
        self.assertIn("Your comment is too long", answer.text)
        self.assertNotIn("Thank you", answer.text)
        rating = order.rating_ids
        self.assertFalse(rating.consumed)
        self.assertFalse(rating.feedback)
        self.assertFalse(self._low_feedback_activities(order))
        __, answer = self._submit(token, 1, "x" * 2000)
        self.assertIn("Thank you", answer.text, "2,000 characters are fine")

    def test_huge_body_refused_before_it_is_read(self):
        order = self._order(days_ago=4)
        token = order._rating_get_access_token()
        page = self.url_open(f"/client_base/feedback/{token}/1")
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        answer = self.url_open(
            f"/client_base/feedback/{token}/submit",
            data={"csrf_token": csrf, "score": 1, "comment": "x" * 10_000_000},
        )
        self.assertEqual(answer.status_code, 413)
        self.assertFalse(order.rating_ids.consumed)
        self.assertFalse(order.rating_ids.feedback)
        self.assertFalse(self._low_feedback_activities(order))

    def test_replayed_submission_updates_the_same_feedback(self):
        order = self._order(days_ago=4)
        token = order._rating_get_access_token()
        for __ in range(3):
            self._submit(token, 1, "Never arrived")
        self._submit(token, 2, "Arrived a week late")
        rating = order.rating_ids
        self.assertEqual(len(rating), 1)
        self.assertEqual((rating.rating, rating.feedback), (2, "Arrived a week late"))
        self.assertEqual(len(order.message_ids.filtered("rating_ids")), 1)
        low = self._low_feedback_activities(order)
        self.assertEqual(len(low), 2, "one per user, not one per submission")
        self.assertEqual(low.user_id, self.salesperson | self.leader)
        for activity in low:
            self.assertIn("Arrived a week late", activity.note)
            self.assertIn("2/5", activity.note)

    def test_malformed_or_unknown_token_is_not_found(self):
        order = self._order(days_ago=4)
        page = self.url_open(
            f"/client_base/feedback/{order._rating_get_access_token()}/1"
        )
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        for token in ("%00", "abc%00def", "f" * 300, "not-a-hex-token", "0" * 32):
            with self.subTest(token=token):
                self.assertEqual(
                    self.url_open(f"/client_base/feedback/{token}/1").status_code, 404
                )
                answer = self.url_open(
                    f"/client_base/feedback/{token}/submit",
                    data={"csrf_token": csrf, "score": 1, "comment": "Hello"},
                )
                self.assertEqual(answer.status_code, 404)
        self.assertFalse(order.rating_ids.consumed)

    def test_client_reads_its_language_staff_theirs(self):
        """The client's pages speak the client's language; the escalation is
        written in each reader's own: salesperson and team leader."""
        load_languages(self.env, ["client_base"])
        self.buyer.lang = "ro_RO"  # the person who rates
        self.salesperson.lang = "ru_RU"
        order = self._order(days_ago=4)
        page, answer = self._submit(order._rating_get_access_token(), 1, "Prea târziu")
        self.assertIn(
            shipped_translation("client_base", "ro_RO", "Anything to tell us?"),
            page.text,
        )
        self.assertIn(
            shipped_translation(
                "client_base",
                "ro_RO",
                "We are sorry: your salesperson will get back to you shortly.",
            ),
            answer.text,
        )
        summary = "Low feedback score: call the client"
        by_user = {act.user_id: act.summary for act in order.activity_ids}
        self.assertEqual(
            by_user,
            {
                self.salesperson: shipped_translation("client_base", "ru_RU", summary),
                self.leader: summary,
            },
        )

    def test_good_score_no_escalation_bad_score_refused(self):
        order = self._order(days_ago=4)
        token = order._rating_get_access_token()
        __, answer = self._submit(token, 7, "Seven!")
        self.assertIn("Choose a score from 1 to 5", answer.text)
        self.assertFalse(order.rating_ids.consumed)
        with self.assertRaises(ValidationError):
            order.rating_apply(0, token=token)
        self._submit(token, 5, "Perfect")
        self.assertEqual(order.rating_ids.rating, 5)
        self.assertFalse(order.activity_ids)

    def test_salespeople_see_their_own_orders_feedback(self):
        mine = self._order(days_ago=4)
        theirs = self._order(days_ago=4, user=self.other_salesperson)
        for order, score in ((mine, 4), (theirs, 1)):
            order.rating_apply(score, token=order._rating_get_access_token())
        Rating = self.env["rating.rating"]
        domain = [("res_model", "=", "sale.order"), ("consumed", "=", True)]
        self.assertEqual(
            Rating.with_user(self.salesperson).search(domain).mapped("res_id"),
            mine.ids,
        )
        self.assertEqual(
            set(Rating.with_user(self.leader).search(domain).mapped("res_id")),
            {mine.id, theirs.id},
        )
        with self.assertRaises(ValidationError):
            self.company.client_feedback_delay_days = -2
