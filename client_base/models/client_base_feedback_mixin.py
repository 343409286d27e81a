from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL


class ClientBaseFeedbackMixin(models.AbstractModel):
    """Feedback 1-5 on a purchase document (a sale order, a POS order): the
    client's score and comment through Odoo's ratings, checked, and a low
    score escalated by the document (``_client_feedback_escalate``). Listed
    first in the document's ``_inherit`` so that it wraps Odoo's
    ``rating_apply``."""

    _name = "client.base.feedback.mixin"
    _description = "Client Feedback 1-5 on a Purchase"

    # the document's ratings (the rating support of mail.thread reads them as
    # rating.mixin defines them) and when the request was sent
    rating_ids = fields.One2many(
        "rating.rating",
        "res_id",
        string="Ratings",
        domain=lambda self: [("res_model", "=", self._name)],
        auto_join=True,
        groups="base.group_user",
    )
    client_feedback_requested = fields.Datetime(
        string="Feedback Requested", readonly=True, copy=False
    )

    @api.model
    def _client_feedback_models(self):
        """Names of the documents clients rate (the models of this mixin)."""
        return [
            name
            for name in self.env.registry.descendants([self._name], "_inherit")
            if not self.env[name]._abstract
        ]

    @api.model
    def _client_feedback_send_requests(self, template, enabled_field, due, limit):
        """Send ``template``'s rating request for the documents ``due`` in
        each company whose ``enabled_field`` is set: ``due(company, due_from,
        oldest)`` is the SQL of their ids, requested at most ``limit`` per
        company and run, never twice (``client_feedback_requested``)."""
        now = fields.Datetime.now()
        for company in self.env["res.company"].search([(enabled_field, "=", True)]):
            due_from = now - timedelta(days=company.client_feedback_delay_days)
            self.env.flush_all()
            self.env.cr.execute(
                SQL(
                    "SELECT id FROM (%s) due ORDER BY id LIMIT %s",
                    due(company, due_from, due_from - timedelta(days=30)),
                    limit,
                )
            )
            documents = self.browse(row[0] for row in self.env.cr.fetchall())
            for document in documents:
                document.rating_send_request(template, force_send=False)
            documents.write({"client_feedback_requested": now})

    def _client_feedback_max_length(self):
        """The longest comment a client may leave with a score, in characters."""
        return 2000

    def rating_apply(self, rate, token=None, rating=None, feedback=None, **kwargs):
        if not 1 <= rate <= 5 or rate != int(rate):
            raise ValidationError(
                self.env._("A feedback score is a whole number from 1 to 5.")
            )
        limit = self._client_feedback_max_length()
        if feedback and len(feedback) > limit:
            raise ValidationError(
                self.env._(
                    "Your comment is too long: %(limit)s characters at most.",
                    limit=limit,
                )
            )
        # a replayed or changed answer updates the same rating and its message
        rating = super().rating_apply(
            rate, token=token, rating=rating, feedback=feedback, **kwargs
        )
        if rate <= 2:
            self._client_feedback_escalate(rating)
        return rating

    def _client_feedback_escalate(self, rating):
        """A score of 1 or 2 on these documents: tell who answers for them."""
        raise NotImplementedError
