from datetime import date, timedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.fields import Command
from odoo.tests import HttpCase, new_test_user, tagged

from .common import load_languages, post_invoice, shipped_translation


@tagged("post_install", "-at_install")
class TestQuestionnaire(HttpCase):
    """Client questionnaires on Odoo's survey: mapping to client fields, the
    salesperson filling in on the client's behalf, status, who sees answers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.survey = cls.env.ref("client_base.survey_client_questionnaire")
        cls.env.company.client_questionnaire_id = cls.survey
        cls.salesperson = new_test_user(
            cls.env, login="cb_q_user", groups="client_base.group_client_base_user"
        )
        cls.other = new_test_user(
            cls.env, login="cb_q_other", groups="client_base.group_client_base_user"
        )
        cls.manager = new_test_user(
            cls.env,
            login="cb_q_manager",
            groups="client_base.group_client_base_manager",
        )
        cls.officer = new_test_user(
            cls.env, login="cb_q_officer", groups="survey.group_survey_user"
        )
        cls.client = cls.env["res.partner"].create(
            {
                "name": "Questionnaire Cafe",
                "is_company": True,
                "user_id": cls.salesperson.id,
            }
        )
        cls.person = cls.env["res.partner"].create(
            {"name": "Ion Popa", "parent_id": cls.client.id, "email": "ion@example.com"}
        )

    def _question(self, xmlid):
        return self.env.ref(f"client_base.survey_client_questionnaire_{xmlid}")

    def _answer(self, birthday, channel="Phone", interests=("Wholesale terms",)):
        answer = self.survey._create_answer(partner=self.person, check_attempts=False)
        answer._save_lines(self._question("birthday"), fields.Date.to_string(birthday))
        channel_question = self._question("channel")
        answer._save_lines(
            channel_question,
            channel_question.suggested_answer_ids.filtered(
                lambda choice: choice.value == channel
            ).id,
        )
        interests_question = self._question("interests")
        answer._save_lines(
            interests_question,
            interests_question.suggested_answer_ids.filtered(
                lambda choice: choice.value in interests
            ).ids,
        )
        size_question = self._question("size")
        answer._save_lines(size_question, size_question.suggested_answer_ids[1].id)
        return answer

    def test_submitted_answers_fill_the_client(self):
        self.assertEqual(self.client.client_questionnaire_state, "none")
        answer = self._answer(date(1984, 3, 9))
        self.client.invalidate_recordset()
        self.assertEqual(self.client.client_questionnaire_state, "sent")
        answer._mark_done()
        self.assertEqual(self.person.client_birthday, date(1984, 3, 9))
        self.assertEqual(self.person.client_preferred_channel, "phone")
        self.assertEqual(self.person.category_id.mapped("name"), ["Wholesale terms"])
        self.assertEqual(self.client.client_business_size, "small", "the company's")
        self.client.invalidate_recordset()
        self.assertEqual(self.client.client_questionnaire_state, "done")
        self.assertEqual(self.client.client_questionnaire_input_ids, answer)

    def test_a_person_answering_fills_only_the_companys_gaps(self):
        self.client.client_business_size = "large"
        answer = self._answer(date(1984, 3, 9))
        answer._mark_done()
        self.assertEqual(self.person.client_birthday, date(1984, 3, 9), "their own")
        self.assertEqual(self.client.client_business_size, "large", "not replaced")
        self.assertIn("already has a value", answer.client_mapping_report)
        # filled in by the client's salesperson, the answer is the company's word
        answer = self._answer(date(1984, 3, 9))
        answer.client_counter_user_id = self.salesperson
        answer._mark_done()
        self.assertEqual(self.client.client_business_size, "small")
        # a colleague of that salesperson does not replace it either
        self.client.client_business_size = "large"
        answer = self._answer(date(1984, 3, 9))
        answer.client_counter_user_id = self.other
        answer._mark_done()
        self.assertEqual(self.client.client_business_size, "large")

    def test_an_impossible_answer_is_kept_and_reported(self):
        answer = self._answer(fields.Date.today() + timedelta(days=30))
        answer._mark_done()
        self.assertFalse(self.person.client_birthday)
        self.assertEqual(
            self.person.client_preferred_channel, "phone", "the rest is written"
        )
        self.assertIn("When is your birthday?", answer.client_mapping_report)
        self.assertTrue(
            answer.user_input_line_ids.filtered(
                lambda line: line.question_id == self._question("birthday")
            ).value_date,
            "kept in the answers",
        )
        self.assertIn("could not fill", self.person.message_ids[0].body)

    def test_a_question_of_the_wrong_type_is_refused_when_configured(self):
        Mapping = self.env["client.base.questionnaire.mapping"].with_user(self.manager)
        text_question = self.env["survey.question"].create(
            {
                "survey_id": self.survey.id,
                "title": "Your plans?",
                "question_type": "char_box",
            }
        )
        with self.assertRaises(ValidationError):
            Mapping.create(
                {"survey_id": self.survey.id, "question_id": text_question.id,
                 "field_name": "client_birthday"}
            )  # fmt: skip
        odd_choice = self.env["survey.question"].create(
            {
                "survey_id": self.survey.id,
                "title": "Team size?",
                "question_type": "simple_choice",
                "suggested_answer_ids": [Command.create({"value": "A crowd"})],
            }
        )
        with self.assertRaises(ValidationError):
            Mapping.create(
                {"survey_id": self.survey.id, "question_id": odd_choice.id,
                 "field_name": "client_business_size"}
            )  # fmt: skip
        with self.assertRaises(AccessError):
            Mapping.with_user(self.salesperson).create(
                {"survey_id": self.survey.id, "question_id": text_question.id,
                 "field_name": "function"}
            )  # fmt: skip

    def test_salesperson_fills_in_for_the_client(self):
        action = self.client.with_user(
            self.salesperson
        ).action_fill_client_questionnaire()
        answer = self.env["survey.user_input"].search(
            [("partner_id", "=", self.client.id)], order="id desc", limit=1
        )
        self.assertEqual(answer.client_counter_user_id, self.salesperson)
        self.assertIn(answer.access_token, action["url"])
        self.authenticate("cb_q_user", "cb_q_user")
        page = self.url_open(action["url"])
        self.assertEqual(page.status_code, 200)
        self.assertIn("Four questions, one minute", page.text)
        self.authenticate("cb_q_other", "cb_q_other")
        page = self.url_open(action["url"])
        self.assertNotIn("Four questions, one minute", page.text, "not another's")

    def test_answers_are_for_the_clients_salesperson_and_managers(self):
        answer = self._answer(date(1990, 1, 2))
        answer._mark_done()
        UserInput = self.env["survey.user_input"]
        domain = [("id", "=", answer.id)]
        self.assertEqual(UserInput.with_user(self.salesperson).search(domain), answer)
        self.assertEqual(UserInput.with_user(self.manager).search(domain), answer)
        self.assertFalse(UserInput.with_user(self.other).search(domain))
        self.assertFalse(UserInput.with_user(self.officer).search(domain))
        lines = self.env["survey.user_input.line"]
        self.assertFalse(
            lines.with_user(self.officer).search([("user_input_id", "=", answer.id)])
        )

    def test_first_order_sends_the_questionnaire(self):
        self.env.company.client_questionnaire_at_first_order = True
        self.env["client.base.order.threshold"].search([]).action_archive()
        product = self.env["product.product"].create(
            {"name": "Q Goods", "list_price": 10}
        )
        order = self.env["sale.order"].create(
            {
                "partner_id": self.person.id,
                "order_line": [Command.create({"product_id": product.id})],
            }
        )
        order.action_confirm()
        invited = self.env["survey.user_input"].search(
            [("survey_id", "=", self.survey.id), ("partner_id", "=", self.person.id)]
        )
        self.assertEqual(len(invited), 1)
        self.assertEqual(invited.state, "new")

    def test_on_the_invoice_basis_the_first_invoice_sends_it_once(self):
        company = self.env.company
        company.write(
            {
                "client_questionnaire_at_first_order": True,
                "client_purchase_basis": "invoice",
            }
        )
        self.env["client.base.order.threshold"].search([]).action_archive()
        product = self.env["product.product"].create(
            {"name": "Q Goods", "list_price": 10}
        )

        def invitations():
            return self.env["survey.user_input"].search_count(
                [
                    ("survey_id", "=", self.survey.id),
                    ("partner_id", "=", self.person.id),
                ]
            )

        def order():
            self.env["sale.order"].create(
                {
                    "partner_id": self.person.id,
                    "order_line": [Command.create({"product_id": product.id})],
                }
            ).action_confirm()

        order()
        self.assertEqual(invitations(), 0, "An order is no purchase here")
        invoice = post_invoice(self.env, self.person, date(2026, 5, 2), 100.0)
        self.assertEqual(invitations(), 1, "The first invoice is")
        order()
        invoice.button_draft()
        invoice.action_post()
        self.assertEqual(invitations(), 1, "Once")

    def test_the_shipped_questionnaire_speaks_russian_and_romanian(self):
        titles = {}
        for code in ("ru_RU", "ro_RO"):
            self.env["res.lang"]._activate_lang(code)
            self.env["ir.module.module"]._load_module_terms(["client_base"], [code])
            titles[code] = self.survey.with_context(lang=code).title
        self.assertEqual(
            titles, {"ru_RU": "Анкета клиента", "ro_RO": "Chestionarul clientului"}
        )
        question = self._question("birthday").with_context(lang="ro_RO")
        self.assertEqual(question.title, "Când este ziua dumneavoastră de naștere?")
        # a Romanian answer still names the value by its choice
        answer = self._answer(date(1979, 5, 1), channel="Visit")
        answer.with_context(lang="ro_RO")._mark_done()
        self.assertEqual(self.person.client_preferred_channel, "visit")

    def test_the_clients_link_opens_in_the_clients_language(self):
        """An invitation link opens in the invited person's language; the
        salesperson filling one in at the counter reads their own."""
        load_languages(self.env, ["client_base"])
        self.person.lang = "ro_RO"
        answer = self.survey._create_answer(partner=self.person, check_attempts=False)
        page = self.url_open(
            f"/survey/start/{self.survey.access_token}?answer_token={answer.access_token}"
        )
        self.assertEqual(page.status_code, 200)
        welcome = "Four questions, one minute: they help us serve you better."
        self.assertIn(shipped_translation("client_base", "ro_RO", welcome), page.text)
        self.assertNotIn(welcome, page.text)
        self.salesperson.lang = "ru_RU"
        action = self.client.with_user(
            self.salesperson
        ).action_fill_client_questionnaire()
        self.authenticate("cb_q_user", "cb_q_user")
        page = self.url_open(action["url"])
        self.assertIn(shipped_translation("client_base", "ru_RU", welcome), page.text)
