from odoo import api, fields, models
from odoo.exceptions import ValidationError

# Partner fields a questionnaire may fill: (label, question types that fit it,
# whether it belongs to the client company rather than to the person answering).
MAPPABLE_FIELDS = {
    "client_birthday": ("Birthday", ("date", "datetime"), False),
    "client_preferred_channel": (
        "Preferred Contact Channel",
        ("simple_choice",),
        False,
    ),
    "category_id": ("Interests (tags)", ("simple_choice", "multiple_choice"), False),
    "function": ("Job Position", ("char_box",), False),
    "mobile": ("Mobile", ("char_box",), False),
    "client_business_size": ("Business Size", ("simple_choice",), True),
    "industry_id": ("Industry", ("simple_choice",), True),
    "client_product_usage": (
        "How They Use Our Products",
        ("char_box", "text_box"),
        True,
    ),
    "client_plans": ("Plans", ("char_box", "text_box"), True),
    "website": ("Website", ("char_box",), True),
}


class ClientBaseQuestionnaireMapping(models.Model):
    """A question of a client questionnaire that fills a field of the client
    when the answer is submitted: the person's (birthday, preferred channel,
    interests as tags) or its company's (business size, industry, plans)."""

    _name = "client.base.questionnaire.mapping"
    _description = "Questionnaire Question to Client Field"
    _order = "survey_id, sequence, id"

    survey_id = fields.Many2one(
        "survey.survey", required=True, ondelete="cascade", index=True
    )
    sequence = fields.Integer(related="question_id.sequence", store=True)
    question_id = fields.Many2one(
        "survey.question",
        required=True,
        ondelete="cascade",
        domain="[('survey_id', '=', survey_id), ('is_page', '=', False)]",
    )
    question_type = fields.Selection(related="question_id.question_type")
    field_name = fields.Selection(
        [(name, label) for name, (label, __, __) in MAPPABLE_FIELDS.items()],
        string="Client Field",
        required=True,
    )
    on_company = fields.Boolean(
        string="Fills the Company",
        compute="_compute_on_company",
        help="Written on the client company rather than on the person answering.",
    )

    _sql_constraints = [  # noqa: RUF012
        (
            "question_unique",
            "UNIQUE(question_id)",
            "A question fills one client field at most.",
        ),
    ]

    @api.depends("field_name")
    def _compute_on_company(self):
        for mapping in self:
            mapping.on_company = bool(
                mapping.field_name and MAPPABLE_FIELDS[mapping.field_name][2]
            )

    @api.constrains("question_id", "field_name", "survey_id")
    def _check_question_fits_field(self):
        """Refused when configured, not when a client answers: the question's
        type must fit the field, and a choice must name a value of the field."""
        Partner = self.env["res.partner"]
        for mapping in self:
            question = mapping.question_id
            label, types, __ = MAPPABLE_FIELDS[mapping.field_name]
            if question.survey_id != mapping.survey_id:
                raise ValidationError(
                    self.env._("The question must belong to the questionnaire.")
                )
            if question.question_type not in types:
                raise ValidationError(
                    self.env._(
                        "“%(question)s” cannot fill %(field)s: a %(field)s answer "
                        "must be a question of type %(types)s.",
                        question=question.title,
                        field=label,
                        types=", ".join(
                            dict(
                                question._fields[
                                    "question_type"
                                ]._description_selection(self.env)
                            )[kind]
                            for kind in types
                        ),
                    )
                )
            field = Partner._fields[mapping.field_name]
            if field.type == "selection":
                unknown = [
                    answer.value
                    for answer in question.suggested_answer_ids
                    if mapping._selection_key(field, answer.value) is None
                ]
                if unknown:
                    raise ValidationError(
                        self.env._(
                            "These choices of “%(question)s” match no value of "
                            "%(field)s: %(choices)s.",
                            question=question.title,
                            field=label,
                            choices=", ".join(unknown),
                        )
                    )

    def _selection_key(self, field, text):
        """The key of selection ``field`` whose key or label, in any installed
        language, is ``text`` (a choice of a questionnaire in Romanian names a
        value by its Romanian label)."""
        wanted = (text or "").strip().lower()
        for code, __ in self.env["res.lang"].get_installed():
            env = self.env(context=dict(self.env.context, lang=code))
            for key, label in field._description_selection(env):
                if wanted in (str(key).lower(), (label or "").lower()):
                    return key
        return None

    def _convert(self, lines, partner):
        """The value of this mapping's field from the answer ``lines``; a
        ValueError, with a message for people, when it cannot be written."""
        self.ensure_one()
        field = partner._fields[self.field_name]
        first = lines[0]
        if field.type == "date":
            value = first.value_date or (
                first.value_datetime and first.value_datetime.date()
            )
            if not value:
                raise ValueError(self.env._("no date in the answer"))
            if value > fields.Date.context_today(self):
                raise ValueError(self.env._("%s is in the future", value))
            return value
        if field.type in ("char", "text"):
            return first.value_char_box or first.value_text_box or False
        choices = lines.suggested_answer_id
        if field.type == "selection":
            choice = choices[:1]
            key = self._selection_key(field, choice.value)
            if key is None:  # a translated choice: its source names the value
                key = self._selection_key(
                    field, choice.with_context(lang="en_US").value
                )
            if key is None:
                raise ValueError(self.env._("“%s” is not a known value", choices.value))
            return key
        if field.type == "many2many":
            Tag = self.env[field.comodel_name].sudo()
            tags = Tag.browse()
            for choice in choices:
                tags |= Tag.search([("name", "=ilike", choice.value)], limit=1) or (
                    Tag.create({"name": choice.value})
                )
            return [fields.Command.link(tag.id) for tag in tags]
        if field.type == "many2one":
            record = (
                self.env[field.comodel_name]
                .sudo()
                .search([("name", "=ilike", choices[:1].value)], limit=1)
            )
            if not record:
                raise ValueError(self.env._("“%s” is not a known value", choices.value))
            return record.id
        raise ValueError(self.env._("this field cannot be filled"))
