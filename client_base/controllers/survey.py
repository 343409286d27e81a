from odoo.http import request

from odoo.addons.survey.controllers import main


class Survey(main.Survey):
    def _check_validity(
        self, survey_token, answer_token, ensure_token=True, check_partner=True
    ):
        # A client questionnaire filled in by the salesperson on the client's
        # behalf: Odoo's survey refuses an answer of another partner; this one
        # is the salesperson's to fill, and only theirs.
        if answer_token and check_partner and not request.env.user._is_public():
            answer_sudo = (
                request.env["survey.user_input"]
                .sudo()
                .search([("access_token", "=", answer_token)], limit=1)
            )
            if (
                answer_sudo.client_counter_user_id
                and answer_sudo.client_counter_user_id == request.env.user
            ):
                check_partner = False
        return super()._check_validity(
            survey_token,
            answer_token,
            ensure_token=ensure_token,
            check_partner=check_partner,
        )

    def _get_access_data(
        self, survey_token, answer_token, ensure_token=True, check_partner=True
    ):
        data = super()._get_access_data(
            survey_token,
            answer_token,
            ensure_token=ensure_token,
            check_partner=check_partner,
        )
        # A client's own questionnaire link opens in the client's language; one
        # filled in by the salesperson stays in the salesperson's.
        answer = data["answer_sudo"]
        lang = answer.partner_id.lang
        if (
            answer.client_questionnaire
            and not answer.client_counter_user_id
            and lang in dict(request.env["res.lang"].get_installed())
        ):
            request.update_context(lang=lang)
        return data
