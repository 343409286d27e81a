from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .res_company import format_max_amount, is_amount


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
        self._check_amount_values(self.mapped("amount"))
        for spend in self:
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

    def _check_amount_values(self, amounts):
        # also before create and write: an infinite or huge amount fails its
        # rounding to the currency before any constraint
        if not all(is_amount(amount) for amount in amounts):
            raise ValidationError(
                self.env._(
                    "A marketing spend is an amount from 0 to below %s.",
                    format_max_amount(self.env),
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        self._client_base_check_values(vals_list)
        self._check_amount_values(
            [vals["amount"] for vals in vals_list if "amount" in vals]
        )
        return super().create(vals_list)

    def write(self, vals):
        self._client_base_check_values([vals])
        if "amount" in vals:
            self._check_amount_values([vals["amount"]])
        return super().write(vals)
