from markupsafe import Markup, escape

from odoo import fields, models

from .client_base_questionnaire_mapping import MAPPABLE_FIELDS


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    client_questionnaire = fields.Boolean(related="survey_id.client_questionnaire")
    client_counter_user_id = fields.Many2one(
        "res.users",
        string="Filled In By",
        readonly=True,
        help="The salesperson who filled the questionnaire in on the client's "
        "behalf, at the counter or on the phone.",
    )
    client_mapping_report = fields.Text(
        string="Answers Not Written",
        readonly=True,
        help="Answers that could not fill their client field: kept in the answers, "
        "reported here and on the client.",
    )

    def _mark_done(self):
        res = super()._mark_done()
        self.filtered(
            lambda answer: answer.client_questionnaire and answer.partner_id
        )._client_apply_mapping()
        return res

    def _client_may_overwrite(self, company):
        """Whether these answers may replace what the company's record says:
        when a salesperson who may change that client filled them in (at the
        counter, on the phone); a person answering for themselves writes their
        own partner and only fills the company's gaps."""
        self.ensure_one()
        counter = self.client_counter_user_id
        return bool(counter and company.with_user(counter)._client_base_visible())

    def _client_apply_mapping(self):
        """Write the mapped answers on the person who answered or on its
        company; an answer that cannot be written is kept and reported."""
        for user_input in self.sudo():
            person = user_input.partner_id
            company = person.commercial_partner_id
            values = {person: {}, company: {}}
            problems = []
            lines = user_input.user_input_line_ids.filtered(
                lambda line: not line.skipped
            )
            for mapping in user_input.survey_id.client_mapping_ids:
                answers = lines.filtered(
                    lambda line, m=mapping: line.question_id == m.question_id
                )
                if not answers:
                    continue
                target = company if MAPPABLE_FIELDS[mapping.field_name][2] else person
                try:
                    value = mapping._convert(answers, target)
                except ValueError as error:
                    problems.append(f"{mapping.question_id.title}: {error}")
                    continue
                if target != person and not user_input._client_may_overwrite(target):
                    field = target._fields[mapping.field_name]
                    current = field.convert_to_write(target[mapping.field_name], target)
                    if current and current != value:
                        problems.append(
                            self.with_context(lang=person._client_staff_lang()).env._(
                                "%(question)s: %(company)s already has a value; "
                                "a person answering for themselves fills only "
                                "what their company's record leaves empty.",
                                question=mapping.question_id.title,
                                company=target.display_name,
                            )
                        )
                        continue
                values[target][mapping.field_name] = value
            for partner, partner_values in values.items():
                if partner_values:
                    partner.write(partner_values)
            if problems:
                report = "\n".join(problems)
                user_input.client_mapping_report = report
                # the respondent answers in their language, staff read the note
                staff_env = self.with_context(lang=person._client_staff_lang()).env
                person.message_post(
                    body=Markup("%s<br/>%s")
                    % (
                        staff_env._(
                            "Questionnaire “%s”: some answers could not fill the "
                            "client's fields and were kept in the answers only:",
                            user_input.survey_id.title,
                        ),
                        Markup("<br/>").join(escape(line) for line in problems),
                    ),
                    message_type="notification",
                    subtype_xmlid="mail.mt_note",
                )
