import json
from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import ClientBaseCommon


@tagged("post_install", "-at_install")
class TestPrivacy(ClientBaseCommon):
    """A person's rights: Odoo's privacy lookup finds the suite's rows, a
    Client Base manager exports or anonymises the person."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the chatter and tracking are what anonymisation erases: keep them on
        cls.env = cls.env(
            context={
                key: value
                for key, value in cls.env.context.items()
                if key != "tracking_disable"
            }
        )
        Partner = cls.env["res.partner"]
        cls.person = Partner.create(
            {
                "name": "Maria Ionescu",
                "email": "maria.ionescu@example.com",
                "phone": "+373 69 123 456",
                "street": "Strada Florilor 1",
                "city": "Chisinau",
                "zip": "MD-2001",
                "user_id": cls.cb_user.id,
                "client_birthday": date(1985, 4, 2),
                "client_product_usage": "Bakes for her daughter's school",
            }
        )
        cls.person.write({"email": "maria.i@example.com", "street": "Strada Teilor 9"})
        cls.person.message_post(body="Maria moves to Iasi in May.")
        cls.env.flush_all()
        cls.cr.flush()  # the tracking values
        cls.order = cls._create_order(cls.person)
        cls.consent = cls.env["client.base.consent"].create(
            {
                "partner_id": cls.person.id,
                "channel": "email",
                "note": "Signed by Maria Ionescu at the counter",
            }
        )
        cls.history = cls.env["client.base.status.history"].create(
            {
                "partner_id": cls.person.id,
                "company_id": cls.company.id,
                "status_to": "new",
                "cause": "manual",
                "note": "Met Maria at the fair",
            }
        )
        cls.survey = cls.env["survey.survey"].create(
            {"title": "Privacy Test Questionnaire", "client_questionnaire": True}
        )
        cls.question = cls.env["survey.question"].create(
            {
                "survey_id": cls.survey.id,
                "title": "What do you bake?",
                "question_type": "text_box",
            }
        )
        cls.answer = cls.survey._create_answer(partner=cls.person, check_attempts=False)
        cls.answer._save_lines(cls.question, "Sourdough with rye")
        token = cls.order._rating_get_access_token(partner=cls.person)
        cls.rating = cls.order.rating_apply(
            4, token=token, feedback="Good bread, slow delivery to Maria"
        )
        # a namesake, who is someone else
        cls.namesake = Partner.create(
            {"name": "Maria Ionescu", "email": "other.maria@example.com"}
        )
        cls.namesake_order = cls._create_order(cls.namesake)

    def _privacy(self, user, partner=None):
        return (
            self.env["client.base.privacy"]
            .with_user(user)
            .create({"partner_id": (partner or self.person).id})
        )

    def test_privacy_lookup_finds_the_suite_rows(self):
        admin = self.env.ref("base.user_admin")
        wizard = (
            self.env["privacy.lookup.wizard"]
            .with_user(admin)
            .create({"name": self.person.name, "email": self.person.email})
        )
        wizard.action_lookup()
        found = {(line.res_model, line.res_id) for line in wizard.line_ids}
        for record in (self.consent, self.history, self.answer, self.rating):
            self.assertIn((record._name, record.id), found)
        consent_lines = wizard.line_ids.filtered(
            lambda line: line.res_model == "client.base.consent"
        )
        self.assertEqual(len(consent_lines), 1, "each row once")

    def test_privacy_lookup_finds_consents_of_a_deleted_partner(self):
        gone = self.env["res.partner"].create(
            {"name": "Vasile Gone", "email": "Vasile.Gone@Example.com"}
        )
        consent = self.env["client.base.consent"].create(
            {"partner_id": gone.id, "channel": "email", "state": "withdrawn"}
        )
        gone.unlink()
        self.assertFalse(consent.partner_id)
        wizard = (
            self.env["privacy.lookup.wizard"]
            .with_user(self.env.ref("base.user_admin"))
            .create({"name": "Vasile Gone", "email": "vasile.gone@example.com"})
        )
        wizard.action_lookup()
        self.assertIn(
            ("client.base.consent", consent.id),
            {(line.res_model, line.res_id) for line in wizard.line_ids},
        )

    def test_export_holds_the_person_data(self):
        action = self._privacy(self.cb_manager).action_export()
        self.assertEqual(action["type"], "ir.actions.act_url")
        attachment_id = int(action["url"].split("/")[-1].split("?")[0])
        self.assertTrue(action["url"].endswith("?download=true"))
        # the manager may download it
        attachment = self.env["ir.attachment"].with_user(self.cb_manager)
        data = json.loads(attachment.browse(attachment_id).raw)
        self.assertEqual(data["Personal data"]["Email"], "maria.i@example.com")
        self.assertEqual(data["Personal data"]["Birthday"], "1985-04-02")
        self.assertEqual(
            [row["Note"] for row in data["Marketing consent"]],
            ["Signed by Maria Ionescu at the counter"],
        )
        self.assertIn(
            "Met Maria at the fair", [row["Note"] for row in data["Status history"]]
        )
        self.assertEqual(
            data["Questionnaire answers"][0]["Answers"],
            [{"Question": "What do you bake?", "Answer": "Sourdough with rye"}],
        )
        self.assertEqual(
            data["Feedback"][0]["Comment"], "Good bread, slow delivery to Maria"
        )
        others = [row["Reference"] for row in data["Other records about the person"]]
        self.assertIn(self.order.name, others)
        self.assertNotIn(self.namesake_order.name, others, "not a namesake's")

    def test_client_base_user_is_refused(self):
        with self.assertRaises(AccessError):
            self._privacy(self.cb_user)
        wizard = self._privacy(self.cb_manager)
        for method in ("action_export", "action_anonymise"):
            with self.assertRaises(AccessError):
                getattr(wizard.with_user(self.cb_user), method)()

    def test_anonymise_erases_the_person(self):
        person = self.person
        self._privacy(self.cb_manager).action_anonymise()
        self.env.invalidate_all()
        self.assertEqual(person.name, f"Anonymised client #{person.id}")
        for fname in (
            "email", "phone", "street", "city", "zip", "client_birthday",
            "client_product_usage",
        ):  # fmt: skip
            self.assertFalse(person[fname], fname)
        self.assertTrue(
            self.env["mail.blacklist"].search([("email", "=", "maria.i@example.com")])
        )
        self.assertTrue(
            self.env["phone.blacklist"].search([("number", "=", "+37369123456")])
        )
        # the chatter kept neither the old values nor the messages
        messages = self.env["mail.message"].search(
            [("model", "=", "res.partner"), ("res_id", "=", person.id)]
        )
        self.assertFalse(messages.tracking_value_ids)
        self.assertFalse(
            [body for body in messages.mapped("body") if body and "Maria" in body]
        )
        self.assertTrue(
            [
                body
                for body in messages.mapped("body")
                if body and "Anonymised by Client Base Manager" in body
            ]
        )
        # orders, statistics and evidence stay, without the free texts
        self.assertTrue(self.order.exists())
        self.assertEqual(self.order.partner_id, person)
        self.assertTrue(self.history.exists())
        self.assertFalse(self.history.note)
        self.assertTrue(self.consent.exists())
        self.assertEqual(
            (self.consent.channel, self.consent.state, self.consent.legal_basis),
            ("email", "granted", "consent"),
        )
        self.assertFalse(self.consent.note)
        self.assertFalse(self.consent.address)
        self.assertFalse(self.answer.user_input_line_ids.value_text_box)
        self.assertEqual(self.rating.rating, 4)
        self.assertFalse(self.rating.feedback)
        self.assertNotIn("slow delivery", self.rating.message_id.body or "")
        log = self.env["privacy.log"].search([], order="id desc", limit=1)
        self.assertEqual(log.anonymized_name, "M**** I******")
        self.assertEqual(log.user_id, self.cb_manager)
        self.assertIn(f"#{person.id}", log.execution_details)
        self.assertIn(f"#{self.order.id}", log.records_description)
        self.assertEqual(self.namesake.name, "Maria Ionescu", "not the namesake")

    def test_anonymise_refuses_users_and_companies(self):
        for partner in (self.cb_user.partner_id, self.company.partner_id):
            with self.assertRaises(UserError):
                self._privacy(self.cb_manager, partner).action_anonymise()

    def test_anonymise_a_person_without_email(self):
        person = self.env["res.partner"].create(
            {"name": "Ana Fara", "mobile": "+373 79 000 111"}
        )
        self._privacy(self.cb_manager, person).action_anonymise()
        self.assertEqual(person.name, f"Anonymised client #{person.id}")
        self.assertFalse(person.mobile)
        self.assertTrue(
            self.env["phone.blacklist"].search([("number", "=", "+37379000111")])
        )
        log = self.env["privacy.log"].search([], order="id desc", limit=1)
        self.assertEqual(
            (log.anonymized_name, log.anonymized_email), ("A** F***", "(no email)")
        )
