from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError
from odoo.tools import SQL

LEVELS = [("high", "High"), ("medium", "Medium"), ("low", "Low")]
PRIORITIES = [
    ("1", "Key"),
    ("2", "Develop"),
    ("3", "Maintain"),
    ("4", "Minimal"),
]
# ABC class x strategic level -> priority (past sales and future
# importance together). A high-potential client that buys little is one to
# develop; a big buyer of low strategic value is kept, not courted.
PRIORITY_MATRIX = {
    ("A", "high"): "1",
    ("A", "medium"): "1",
    ("B", "high"): "1",
    ("B", "medium"): "2",
    ("C", "high"): "2",
    ("A", "low"): "3",
    ("B", "low"): "3",
    ("C", "medium"): "3",
    ("C", "low"): "4",
}


class ClientBaseStrategicScore(models.Model):
    """A client's score 1-5 on one strategic criterion, given by its
    salesperson. One per client and criterion; the client is the commercial
    partner."""

    _name = "client.base.strategic.score"
    _description = "Strategic Score"
    _order = "partner_id, criterion_sequence, id"
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        index=True,
        ondelete="cascade",
        domain="[('is_company', '=', True)]",
    )
    criterion_id = fields.Many2one(
        "client.base.strategic.criterion",
        required=True,
        ondelete="cascade",
        check_company=True,
    )
    criterion_sequence = fields.Integer(related="criterion_id.sequence", store=True)
    company_id = fields.Many2one(
        related="criterion_id.company_id", store=True, index=True
    )
    score = fields.Integer(required=True, default=3, help="1 (low) to 5 (high).")
    user_id = fields.Many2one(
        "res.users",
        string="Scored By",
        default=lambda self: self.env.user,
        readonly=True,
    )
    note = fields.Char()

    @api.model_create_multi
    def create(self, vals_list):
        partners = self.env["res.partner"].browse(
            {vals["partner_id"] for vals in vals_list if vals.get("partner_id")}
        )
        clients = {partner.id: partner.commercial_partner_id.id for partner in partners}
        for vals in vals_list:
            if vals.get("partner_id"):
                vals["partner_id"] = clients[vals["partner_id"]]
            self._set_scored_by(vals)
        return super().create(vals_list)

    def write(self, vals):
        vals = dict(vals)
        self._set_scored_by(vals)
        if vals.get("partner_id"):
            partner = self.env["res.partner"].browse(vals["partner_id"])
            vals["partner_id"] = partner.commercial_partner_id.id
        result = super().write(vals)
        if "partner_id" in vals:
            self._check_client_access()
        return result

    @api.constrains("score")
    def _check_score(self):
        for line in self:
            if not 1 <= line.score <= 5:
                raise ValidationError(
                    self.env._(
                        "A strategic score goes from 1 to 5 (%(criterion)s: "
                        "%(score)s).",
                        criterion=line.criterion_id.name,
                        score=line.score,
                    )
                )

    @api.constrains("partner_id", "criterion_id")
    def _check_one_per_criterion(self):
        """A Python check, not a unique index: a partner merge moves scores by
        SQL and must not lose either client's row."""
        self.flush_model(["partner_id", "criterion_id"])
        self.env.cr.execute(
            SQL(
                """
                SELECT partner_id, criterion_id FROM client_base_strategic_score
                 WHERE (partner_id, criterion_id) IN (
                       SELECT partner_id, criterion_id FROM client_base_strategic_score
                        WHERE id = ANY(%s))
                 GROUP BY partner_id, criterion_id HAVING count(*) > 1
                 LIMIT 1
                """,
                self.ids,
            )
        )
        duplicate = self.env.cr.fetchone()
        if duplicate:
            raise ValidationError(
                self.env._(
                    "%(client)s is already scored on %(criterion)s.",
                    client=self.env["res.partner"].browse(duplicate[0]).display_name,
                    criterion=self.env["client.base.strategic.criterion"]
                    .browse(duplicate[1])
                    .name,
                )
            )

    def _set_scored_by(self, vals):
        """The author of a score is who gave it: whatever a user sends as
        "Scored By" is replaced by themselves; only the superuser (data
        files, migrations) may record someone else."""
        if not self.env.su or ("user_id" not in vals and "score" in vals):
            vals["user_id"] = self.env.uid

    def _check_client_access(self):
        """Record rules are checked on the rows as they were before a write:
        a score moved to another client is checked again on the client it
        now belongs to."""
        forbidden = self - self._filtered_access("write")
        if forbidden:
            raise AccessError(
                self.env._(
                    "You cannot move a strategic score to %(client)s: you may "
                    "only score your own clients and clients without a "
                    "salesperson.",
                    client=forbidden[0].sudo().partner_id.display_name,
                )
            )
