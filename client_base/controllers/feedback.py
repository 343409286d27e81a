import re

from odoo import http
from odoo.exceptions import ValidationError
from odoo.http import request

# rating tokens are uuid4().hex: anything else is refused before any query
# (a NUL byte in a token would break the SQL query and answer 500)
TOKEN_RE = re.compile(r"[0-9a-f]{32}")
# room for the longest comment (2,000 characters of 4-byte UTF-8, each byte
# url-encoded as %XX), the score and the CSRF token: a larger body is answered
# 413 by werkzeug before it is read
MAX_SUBMIT_BYTES = 32 * 1024


class ClientFeedback(http.Controller):
    """The client's five-point rating page of a purchase (a sale order, a POS
    order: the documents of client.base.feedback.mixin; Odoo's public rating
    page offers three faces): reached from the request email, by token."""

    def _feedback_models(self):
        return request.env["client.base.feedback.mixin"]._client_feedback_models()

    def _rating_sudo(self, token):
        if not TOKEN_RE.fullmatch(token or ""):
            raise request.not_found()
        rating = (
            request.env["rating.rating"]
            .sudo()
            .search(
                [
                    ("access_token", "=", token),
                    ("res_model", "in", self._feedback_models()),
                ]
            )
        )
        if not rating:
            raise request.not_found()
        # the client's page, in the client's language (as Odoo's rating page)
        lang = rating.partner_id.lang
        if lang and lang in dict(request.env["res.lang"].get_installed()):
            request.update_context(lang=lang)
        return rating

    def _render_page(self, rating, order, token, score=0, error=None):
        return request.render(
            "client_base.client_feedback_page",
            {
                "rating": rating,
                "order": order,
                "token": token,
                "score": score if 1 <= score <= 5 else 0,
                "scores": [1, 2, 3, 4, 5],
                "error": error,
            },
        )

    @http.route(
        "/client_base/feedback/<string:token>/<int:score>",
        type="http",
        auth="public",
        website=False,
    )
    def feedback_page(self, token, score, **kwargs):
        rating = self._rating_sudo(token)
        order = request.env[rating.res_model].sudo().browse(rating.res_id)
        return self._render_page(rating, order, token, score)

    @http.route(
        "/client_base/feedback/<string:token>/submit",
        type="http",
        auth="public",
        methods=["POST"],
        website=False,
        max_content_length=MAX_SUBMIT_BYTES,
    )
    def feedback_submit(self, token, score=None, comment=None, **kwargs):
        rating = self._rating_sudo(token)
        order = request.env[rating.res_model].sudo().browse(rating.res_id)
        try:
            value = int(score or 0)
        except ValueError:
            value = 0
        if not 1 <= value <= 5:
            return self._render_page(
                rating,
                order,
                token,
                error=request.env._("Choose a score from 1 to 5."),
            )
        comment = (comment or "").strip()
        max_length = order._client_feedback_max_length()
        if len(comment) > max_length:
            return self._render_page(
                rating,
                order,
                token,
                value,
                error=request.env._(
                    "Your comment is too long: %(limit)s characters at most.",
                    limit=max_length,
                ),
            )
        try:
            order.rating_apply(value, token=token, feedback=comment)
        except ValidationError as error:
            return self._render_page(rating, order, token, value, error=str(error))
        return request.render(
            "client_base.client_feedback_thanks", {"order": order, "score": value}
        )
