from odoo import http
from odoo.exceptions import ValidationError
from odoo.http import request


class ClientFeedback(http.Controller):
    """The client's five-point rating page of an order (Odoo's public rating
    page offers three faces): reached from the request email, by token."""

    def _rating_sudo(self, token):
        rating = (
            request.env["rating.rating"]
            .sudo()
            .search([("access_token", "=", token), ("res_model", "=", "sale.order")])
        )
        if not rating:
            raise request.not_found()
        # the client's page, in the client's language (as Odoo's rating page)
        lang = rating.partner_id.lang
        if lang and lang in dict(request.env["res.lang"].get_installed()):
            request.update_context(lang=lang)
        return rating

    @http.route(
        "/client_base/feedback/<string:token>/<int:score>",
        type="http",
        auth="public",
        website=False,
    )
    def feedback_page(self, token, score, **kwargs):
        rating = self._rating_sudo(token)
        order = request.env["sale.order"].sudo().browse(rating.res_id)
        return request.render(
            "client_base.client_feedback_page",
            {
                "rating": rating,
                "order": order,
                "token": token,
                "score": score if 1 <= score <= 5 else 0,
                "scores": [1, 2, 3, 4, 5],
            },
        )

    @http.route(
        "/client_base/feedback/<string:token>/submit",
        type="http",
        auth="public",
        methods=["POST"],
        website=False,
    )
    def feedback_submit(self, token, score=None, comment=None, **kwargs):
        rating = self._rating_sudo(token)
        order = request.env["sale.order"].sudo().browse(rating.res_id)
        try:
            value = int(score or 0)
            order.rating_apply(value, token=token, feedback=(comment or "").strip())
        except (ValueError, ValidationError):
            return request.render(
                "client_base.client_feedback_page",
                {
                    "rating": rating,
                    "order": order,
                    "token": token,
                    "score": 0,
                    "scores": [1, 2, 3, 4, 5],
                    "error": request.env._("Choose a score from 1 to 5."),
                },
            )
        return request.render(
            "client_base.client_feedback_thanks", {"order": order, "score": value}
        )
