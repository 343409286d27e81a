# One file per feature of the model (see the module's other files of it).
# pylint: disable=consider-merging-classes-inherited
from odoo import models
from odoo.exceptions import UserError, ValidationError


class LoyaltyCard(models.Model):
    """A card handed over where no salesperson is at hand (the shop's till)
    invites its holder to the client questionnaire of its program, by email
    or SMS only where the person granted it."""

    _inherit = "loyalty.card"

    def _client_questionnaire_at_issue_by_consent(self, where):
        """Invite the holders of these newly issued client cards to the
        questionnaire of their program (its "Questionnaire at Issue": either
        way, nobody fills it in with them here): by email where the person
        granted email, else by SMS where they granted SMS; a person already
        invited is not invited again. The client's chatter tells the
        salesperson what went out, or that nothing could. ``where(env)``
        names the place of issue in that note, in the language of ``env``."""
        cards = self.sudo().filtered(
            lambda card: (
                card.partner_id
                and card.program_id.client_issue_kind == "card"
                and card.program_id.client_questionnaire_at_issue != "none"
            )
        )
        for card in cards:
            company = card.company_id or self.env.company
            survey = company.client_questionnaire_id
            person = card.partner_id
            if not survey or self.env["survey.user_input"].sudo().search_count(
                [("survey_id", "=", survey.id), ("partner_id", "=", person.id)],
                limit=1,
            ):
                continue
            failure = None
            try:
                # the card and its points stay whatever the invitation meets
                with self.env.cr.savepoint():
                    channel = card._client_questionnaire_send(survey, person)
            except (UserError, ValidationError) as error:
                channel, failure = False, str(error)
            client = person.commercial_partner_id
            env = self.with_context(lang=client._client_staff_lang()).env
            if failure:
                outcome = env._("questionnaire not sent: %s", failure)
            elif channel:
                channels = {"email": env._("email"), "sms": env._("SMS")}
                outcome = env._("questionnaire sent by %s.", channels[channel])
            else:
                outcome = env._(
                    "no questionnaire sent, the person has not granted email or "
                    "SMS; fill it in together at the next visit."
                )
            client._message_log(
                body=env._(
                    "Card %(code)s of %(program)s issued %(where)s to %(person)s: "
                    "%(questionnaire)s",
                    code=card.code,
                    program=card.program_id.name,
                    where=where(env),
                    person=person.name,
                    questionnaire=outcome,
                )
            )

    def _client_questionnaire_send(self, survey, person):
        """Send ``survey`` to ``person`` on the first channel their consent
        allows; returns it ("email", "sms") or False."""
        company = self.company_id or self.env.company
        if person.client_consent_email == "granted" and person.email_normalized:
            person._client_questionnaire_invite(survey, person, company)
            return "email"
        if person.client_consent_sms == "granted" and (person.mobile or person.phone):
            answer = survey.sudo()._create_answer(partner=person, check_attempts=False)
            link = survey.get_base_url() + answer.get_start_url()
            lang_env = self.with_context(lang=person.lang).env
            person._message_sms(
                lang_env._(
                    "%(company)s: your card %(code)s is ready. Tell us about "
                    "yourself: %(link)s",
                    company=company.name,
                    code=self.code,
                    link=link,
                ),
                partner_ids=person.ids,
            )
            return "sms"
        return False
