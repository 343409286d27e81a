from odoo import api, fields, models
from odoo.exceptions import ValidationError


class MailActivityPlanTemplate(models.Model):
    _inherit = "mail.activity.plan.template"

    responsible_type = fields.Selection(
        selection_add=[("client_salesperson", "Client's salesperson")],
        ondelete={"client_salesperson": "cascade"},
    )

    @api.constrains("plan_id", "responsible_type")
    def _check_client_salesperson_on_partner_plans(self):
        for template in self:
            if (
                template.responsible_type == "client_salesperson"
                and template.plan_id.res_model != "res.partner"
            ):
                raise ValidationError(
                    self.env._(
                        "The client's salesperson can only be responsible in "
                        "plans for contacts."
                    )
                )

    def _determine_responsible(self, on_demand_responsible, applied_on_record):
        if self.responsible_type != "client_salesperson":
            return super()._determine_responsible(
                on_demand_responsible, applied_on_record
            )
        salesperson = applied_on_record.commercial_partner_id.user_id
        return {
            "responsible": salesperson,
            "error": False
            if salesperson
            else self.env._(
                "%s has no salesperson to take the activity.",
                applied_on_record.display_name,
            ),
        }
