from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ClientBaseStrategicCriterion(models.Model):
    """A qualitative criterion of a client's strategic importance (growth
    potential, strategic fit, reputation …), weighted against the others.
    Salespeople score their clients 1-5 on each; the weighted scores make the
    strategic score 0-100 of the strategic matrix."""

    _name = "client.base.strategic.criterion"
    _inherit = "client.base.catalogue"
    _description = "Strategic Criterion"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    description = fields.Text(
        translate=True, help="What a 1 and a 5 mean, so salespeople score alike."
    )
    weight = fields.Float(required=True, default=1.0)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )

    @api.constrains("weight")
    def _check_weight(self):
        for criterion in self:
            # written so that NaN is refused too
            if not 0 < criterion.weight <= 100:
                raise ValidationError(
                    self.env._(
                        "The weight of %s is above 0 and at most 100.",
                        criterion.name,
                    )
                )
