from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ClientBaseMarketingSpend(models.Model):
    """What bringing clients cost: an amount spent on a client source or an
    advertising campaign over a period (Odoo's UTM records no cost). Divided
    by the new clients of that source in the period, it is the acquisition
    cost of one client (client.base.health.acquisition)."""

    _name = "client.base.marketing.spend"
    _description = "Marketing Spend"
    _order = "date_from desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Description", required=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    source_id = fields.Many2one(
        "client.base.source", string="Client Source", check_company=True
    )
    campaign_id = fields.Many2one("utm.campaign")
    date_from = fields.Date(string="From", required=True)
    date_to = fields.Date(string="To", required=True)
    amount = fields.Monetary(required=True, currency_field="currency_id")

    @api.constrains("amount", "date_from", "date_to", "source_id", "campaign_id")
    def _check_spend(self):
        for spend in self:
            if spend.amount < 0:
                raise ValidationError(
                    self.env._("Marketing spend cannot be negative (%s).", spend.name)
                )
            if spend.date_to < spend.date_from:
                raise ValidationError(
                    self.env._("The period of %s ends before it starts.", spend.name)
                )
            if not spend.source_id and not spend.campaign_id:
                raise ValidationError(
                    self.env._(
                        "Say what %s was spent on: a client source or a campaign.",
                        spend.name,
                    )
                )
