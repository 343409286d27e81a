# One file per feature of the model (see the module's other files of it).
# pylint: disable=consider-merging-classes-inherited

from markupsafe import Markup

from odoo import api, models
from odoo.tools import SQL


class SaleOrder(models.Model):
    """Feedback 1-5 on orders: the rating request some days after the order (or
    its delivery), the client's score and comment, a low score escalated."""

    _name = "sale.order"
    _inherit = ["client.base.feedback.mixin", "sale.order"]  # noqa: RUF012

    @api.model
    def _client_feedback_reference_sql(self):
        """SQL date on ``so`` from which the feedback delay runs: the order's
        date; after delivery with Odoo's stock (client_base_stock)."""
        return SQL("so.date_order")

    @api.model
    def _cron_client_feedback_requests(self, limit=500):
        """Send the rating requests that are due: orders confirmed (delivered)
        at least the company's delay ago, within the month after, never twice,
        to clients with an email; at most ``limit`` per run."""
        return self._client_feedback_send_requests(
            self.env.ref("client_base.mail_template_client_feedback_request"),
            "client_feedback_enabled",
            lambda company, due_from, oldest: SQL(
                """
                SELECT so.id FROM sale_order so
                  JOIN res_partner p ON p.id = so.partner_id
                 WHERE so.state = 'sale' AND so.company_id = %(company)s
                   AND so.client_feedback_requested IS NULL
                   AND p.email IS NOT NULL AND p.email != ''
                   AND %(reference)s <= %(due_from)s
                   AND %(reference)s > %(oldest)s
                """,
                company=company.id,
                reference=self._client_feedback_reference_sql(),
                due_from=due_from,
                oldest=oldest,
            ),
            limit,
        )

    def _client_feedback_escalate(self, rating):
        """A score of 1 or 2: at once, an activity with the comment for the
        order's salesperson and for the sales team leader; one per order and
        user, brought up to date when the client answers again."""
        activity_type = self.env.ref("client_base.mail_activity_type_low_feedback")
        for order in self.sudo():
            users = order.user_id | order.team_id.user_id
            open_by_user = {
                act.user_id: act
                for act in order.activity_ids
                if act.activity_type_id == activity_type
            }
            for user in users:
                # the client's page runs in the client's language, the
                # activity is read by the salesperson
                env = self.with_context(lang=user.lang).env
                text = env._(
                    "%(client)s rated order %(order)s %(score)s/5: %(comment)s",
                    client=rating.partner_id.display_name,
                    order=order.name,
                    score=int(rating.rating),
                    comment=rating.feedback or env._("(no comment)"),
                )
                # the comment is the client's plain text: every line escaped,
                # and not linkified as plaintext2html would, so that no link or
                # image of theirs becomes live in the note
                note = Markup("<p>%s</p>") % Markup("<br/>").join(text.splitlines())
                if user in open_by_user:
                    open_by_user[user].note = note
                    continue
                order.activity_schedule(
                    activity_type_id=activity_type.id,
                    user_id=user.id,
                    summary=env._("Low feedback score: call the client"),
                    note=note,
                )
