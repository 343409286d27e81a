# One file per feature of the model (see the module's other files of it).
# pylint: disable=consider-merging-classes-inherited
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command


class ResPartner(models.Model):
    """Client questionnaires (surveys marked as such): the client's answers,
    sending one, and filling one in on the client's behalf."""

    _inherit = "res.partner"

    # Questionnaires (survey.survey marked as client questionnaires)
    client_preferred_channel = fields.Selection(
        [
            ("phone", "Phone"),
            ("email", "Email"),
            ("sms", "SMS"),
            ("messenger", "Messenger"),
            ("visit", "Visit"),
        ],
        string="Preferred Contact Channel",
        groups="client_base.group_client_base_user",
    )

    client_questionnaire_state = fields.Selection(
        [
            ("none", "Not Sent"),
            ("sent", "Sent"),
            ("in_progress", "In Progress"),
            ("done", "Completed"),
        ],
        string="Questionnaire",
        compute="_compute_client_questionnaire",
        groups="client_base.group_client_base_user",
    )

    client_questionnaire_input_ids = fields.Many2many(
        "survey.user_input",
        string="Questionnaire Answers",
        compute="_compute_client_questionnaire",
        groups="client_base.group_client_base_user",
    )

    def _compute_client_questionnaire(self):
        """The client questionnaires answered by the partner or, for a
        company, by any of its people; the state of the most advanced one."""
        inputs = self.env["survey.user_input"].search(
            [
                ("survey_id.client_questionnaire", "=", True),
                ("partner_id", "child_of", self.commercial_partner_id.ids),
                ("test_entry", "=", False),
            ],
            order="create_date desc, id desc",
        )
        rank = {"new": 1, "in_progress": 2, "done": 3}
        for partner in self:
            mine = inputs.filtered(
                lambda answer, partner=partner: (
                    answer.partner_id == partner
                    or (
                        partner.is_company
                        and answer.partner_id.commercial_partner_id == partner
                    )
                )
            )
            partner.client_questionnaire_input_ids = mine
            best = max((rank[answer.state] for answer in mine), default=0)
            partner.client_questionnaire_state = {
                0: "none",
                1: "sent",
                2: "in_progress",
                3: "done",
            }[best]

    def _client_questionnaire(self):
        survey = self.env.company.client_questionnaire_id
        if not survey:
            survey = self.env["survey.survey"].search(
                [("client_questionnaire", "=", True)], limit=1
            )
        if not survey:
            raise UserError(
                self.env._(
                    "No client questionnaire yet: mark a survey as a client "
                    "questionnaire (Surveys) and choose it in Settings › Client Base."
                )
            )
        return survey

    def action_send_client_questionnaire(self):
        """Odoo's survey invitation, for this client's questionnaire."""
        self._client_base_check_owner()
        survey = self._client_questionnaire()
        action = survey.action_send_survey()
        action["context"] = dict(
            action.get("context", {}),
            default_partner_ids=self.ids,
        )
        return action

    def action_fill_client_questionnaire(self):
        """A salesperson fills the questionnaire in on the client's behalf (at
        the counter, on the phone): the answer belongs to the client, not to the
        salesperson, and opens in the salesperson's browser."""
        self.ensure_one()
        # the answer is created as superuser and writes the client's profile:
        # only for those who may change this client
        self._client_base_check_owner()
        survey = self._client_questionnaire()
        answer = survey.sudo()._create_answer(
            partner=self, check_attempts=False, client_counter_user_id=self.env.uid
        )
        return {
            "type": "ir.actions.act_url",
            "url": answer.get_start_url(),
            "target": "self",
        }

    @api.model
    def _client_questionnaire_at_first_purchase(self, company, people):
        """Invite ``people`` (who bought) to the company's questionnaire when
        their client has just made its first purchase and the company wants it
        (Odoo's survey invitation: the answer belongs to the person); a person
        already invited to it is not invited again."""
        survey = company.client_questionnaire_id
        if not (company.client_questionnaire_at_first_order and survey):
            return
        people = people.sudo().filtered(
            lambda person: (
                person.email
                and person.commercial_partner_id.with_company(
                    company
                ).client_order_count
                == 1
            )
        )
        invited = (
            self.env["survey.user_input"]
            .sudo()
            .search([("survey_id", "=", survey.id), ("partner_id", "in", people.ids)])
            .partner_id
        )
        people -= invited
        if people:
            self._client_questionnaire_invite(survey, people, company)

    @api.model
    def _client_questionnaire_invite(self, survey, people, company):
        """Email ``people`` Odoo's survey invitation to ``survey`` (its own
        template: the link to their answer), from the company."""
        template = self.env.ref(
            "survey.mail_template_user_input_invite", raise_if_not_found=False
        )
        self.env["survey.invite"].sudo().with_company(company).create(
            {
                "survey_id": survey.id,
                "partner_ids": [Command.set(people.ids)],
                "template_id": template.id if template else False,
                "author_id": company.partner_id.id,
            }
        ).action_invite()
