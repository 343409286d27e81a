from odoo import fields, models


class SurveySurvey(models.Model):
    _inherit = "survey.survey"

    client_questionnaire = fields.Boolean(
        help="A client questionnaire («анкета»): sent to clients or filled in by a "
        "salesperson on their behalf; its answers belong to the client and chosen "
        "questions fill the client's fields.",
    )
    client_mapping_ids = fields.One2many(
        "client.base.questionnaire.mapping", "survey_id", string="Client Fields"
    )
