# One file per feature of the model (see the module's other files of it).
# pylint: disable=consider-merging-classes-inherited

from markupsafe import Markup

from odoo import api, models
from odoo.tools import SQL


class PosOrder(models.Model):
    """Feedback 1-5 after a purchase at the till (a setting, off by default):
    a rating request some days later to customers with an email who granted
    email, on the suite's five-point page; a low score goes to the client's
    salesperson, or to the shop's manager (its sales team's leader), never to
    the cashier, as an activity on the client."""

    _name = "pos.order"
    _inherit = ["client.base.feedback.mixin", "pos.order"]  # noqa: RUF012

    @api.model
    def _cron_client_pos_feedback_requests(self, limit=500):
        """Send the rating requests that are due: purchases at the till paid at
        least the company's feedback delay ago, within the month after, never
        twice, to customers with an email who granted email, neither refunds
        nor purchases refunded since; at most ``limit`` per run."""
        Purchase = self.env["client.base.purchase"]
        return self._client_feedback_send_requests(
            self.env.ref("client_base_pos.mail_template_client_pos_feedback"),
            "client_pos_feedback_enabled",
            lambda company, due_from, oldest: SQL(
                """
                SELECT po.id FROM pos_order po
                  JOIN res_partner partner ON partner.id = po.partner_id
                 WHERE %(purchase)s
                   AND po.client_feedback_requested IS NULL
                   AND partner.email_normalized IS NOT NULL
                   AND partner.client_consent_email = 'granted'
                   AND po.date_order <= %(due_from)s
                   AND po.date_order > %(oldest)s
                   AND NOT EXISTS (SELECT 1 FROM pos_order_line refund
                                    WHERE refund.order_id = po.id
                                      AND refund.refunded_orderline_id IS NOT NULL)
                   AND NOT EXISTS (SELECT 1 FROM pos_order_line sold
                                     JOIN pos_order_line refund
                                       ON refund.refunded_orderline_id = sold.id
                                    WHERE sold.order_id = po.id)
                """,
                purchase=Purchase._pos_order_where(company),
                due_from=due_from,
                oldest=oldest,
            ),
            limit,
        )

    def _client_feedback_answerers(self):
        """Who answers a low score on this purchase at the till: the client's
        salesperson, else the shop's manager (the leader of its sales team)."""
        self.ensure_one()
        return (
            self.partner_id.commercial_partner_id.user_id
            or self.config_id.crm_team_id.user_id
            or self.crm_team_id.user_id
        )

    def _rating_get_operator(self):
        # the rating is answered by who answers for the client, not the cashier
        self.ensure_one()
        return self._client_feedback_answerers().partner_id

    def _client_feedback_escalate(self, rating):
        activity_type = self.env.ref(
            "client_base_pos.mail_activity_type_low_pos_feedback"
        )
        for order in self.sudo():
            user = order._client_feedback_answerers()
            if not user:
                continue
            env = self.with_context(lang=user.lang).env
            text = env._(
                "%(client)s rated the purchase %(order)s at %(shop)s %(score)s/5: "
                "%(comment)s",
                client=rating.partner_id.display_name,
                order=order.name,
                shop=order.config_id.name,
                score=int(rating.rating),
                comment=rating.feedback or env._("(no comment)"),
            )
            # the client's plain text, escaped line by line (see sale.order)
            note = Markup("<p>%s</p>") % Markup("<br/>").join(text.splitlines())
            # a POS order has no activities: the client gets it, which is
            # whom the salesperson calls
            client = order.partner_id.commercial_partner_id
            open_activity = client.activity_ids.filtered(
                lambda act, user=user: (
                    act.activity_type_id == activity_type and act.user_id == user
                )
            )
            if open_activity:
                # another low score while the first is open: both are read
                open_activity[:1].note = Markup("%s%s") % (
                    open_activity[:1].note or "",
                    note,
                )
                continue
            client.activity_schedule(
                activity_type_id=activity_type.id,
                user_id=user.id,
                summary=env._("Low feedback score at the till: call the client"),
                note=note,
            )
