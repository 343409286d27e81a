# One file per feature of the model (see the module's other files of it).
# pylint: disable=consider-merging-classes-inherited
from odoo import api, fields, models
from odoo.tools import SQL


class ResPartner(models.Model):
    """Feedback 1-5 the client gave on its purchases (ratings of sale orders,
    POS orders: client.base.feedback.mixin), by the person who rated."""

    _inherit = "res.partner"

    client_feedback_average = fields.Float(
        string="Average Feedback",
        compute="_compute_client_feedback",
        digits=(16, 1),
        groups="client_base.group_client_base_user",
        help="Average 1-5 score the client (its contacts included) gave its orders.",
    )

    client_feedback_count = fields.Integer(
        string="Feedback Scores",
        compute="_compute_client_feedback",
        groups="client_base.group_client_base_user",
    )

    client_feedback_rating_ids = fields.Many2many(
        "rating.rating",
        string="Latest Feedback",
        compute="_compute_client_feedback",
        groups="client_base.group_client_base_user",
    )

    @api.depends_context("uid")
    def _compute_client_feedback(self):
        """Average, count and the five latest scores the clients gave their
        orders, in two queries for all the partners shown; only of the clients
        the user may see, as the ratings themselves."""
        clients = self.commercial_partner_id._client_base_visible()
        stats, latest = {}, {}
        if clients.ids:
            self.env["rating.rating"].flush_model()
            self.env.cr.execute(
                SQL(
                    """
                    SELECT p.commercial_partner_id, AVG(r.rating), COUNT(*),
                           (ARRAY_AGG(r.id ORDER BY r.write_date DESC, r.id DESC))[1:5]
                      FROM rating_rating r
                      JOIN res_partner p ON p.id = r.partner_id
                     WHERE r.res_model IN %s AND r.consumed
                       AND p.commercial_partner_id IN %s
                     GROUP BY 1
                    """,
                    tuple(
                        self.env["client.base.feedback.mixin"]._client_feedback_models()
                    ),
                    tuple(clients.ids),
                )
            )
            for client_id, average, count, rating_ids in self.env.cr.fetchall():
                stats[client_id] = (average, count)
                latest[client_id] = rating_ids
        Rating = self.env["rating.rating"]
        for partner in self:
            client_id = partner.commercial_partner_id.id
            average, count = stats.get(client_id, (0.0, 0))
            partner.client_feedback_average = average
            partner.client_feedback_count = count
            partner.client_feedback_rating_ids = Rating.browse(
                latest.get(client_id, [])
            )
