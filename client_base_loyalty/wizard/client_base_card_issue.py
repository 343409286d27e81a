from odoo import api, fields, models
from odoo.exceptions import UserError


class ClientBaseCardIssue(models.TransientModel):
    """Hand a client a card, an invitation or a gift of a loyalty program, and
    ask for the client questionnaire when the program says so."""

    _name = "client.base.card.issue"
    _description = "Issue a Client Card"

    partner_id = fields.Many2one(
        "res.partner",
        string="Client",
        required=True,
        domain="[('is_company', '=', True)]",
    )
    holder_id = fields.Many2one(
        "res.partner",
        string="Handed To",
        help="The person receiving it; the card stays the client's and serves "
        "all its contacts and addresses.",
        domain="[('commercial_partner_id', '=', partner_id)]",
    )
    program_id = fields.Many2one(
        "loyalty.program",
        required=True,
        domain="[('client_issue_kind', '!=', False), "
        "('company_id', 'in', [company_id, False])]",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    client_issue_kind = fields.Selection(related="program_id.client_issue_kind")
    questionnaire_at_issue = fields.Selection(
        related="program_id.client_questionnaire_at_issue"
    )
    points = fields.Float(compute="_compute_points", store=True, readonly=False)
    expiration_date = fields.Date(string="Valid Until")

    @api.depends("program_id")
    def _compute_points(self):
        for wizard in self:
            wizard.points = wizard.program_id.client_points_at_issue

    def action_issue(self):
        self.ensure_one()
        if self.points < 0:
            raise UserError(self.env._("A card cannot be issued with negative points."))
        client = self.partner_id.commercial_partner_id
        # Card creation is Odoo's sales manager right, granted here for a
        # client the user may work with: their own, or one without salesperson.
        client.check_access("read")
        client._client_base_check_owner()
        program = self.program_id
        if not program.client_issue_kind:
            raise UserError(
                self.env._(
                    "%(program)s is not issued to clients: choose a program whose "
                    "'Issued to Clients As' is set.",
                    program=program.name,
                )
            )
        if self.holder_id and self.holder_id.commercial_partner_id != client:
            raise UserError(
                self.env._(
                    "%(person)s is not one of %(client)s's people.",
                    person=self.holder_id.display_name,
                    client=client.display_name,
                )
            )
        if program.company_id and program.company_id != self.company_id:
            raise UserError(self.env._("%s belongs to another company.", program.name))
        holder = (
            client
            if program.client_issue_kind == "card"
            else (self.holder_id or client)
        )
        # The card is created as superuser (Odoo lets only sales managers
        # create cards): a salesperson hands over what the program gives;
        # other balances and validity are a sales manager's to set.
        may_set_values = self.env.user.has_group("sales_team.group_sale_manager")
        points = self.points if may_set_values else program.client_points_at_issue
        expiration = self.expiration_date if may_set_values else False
        card = (
            self.env["loyalty.card"]
            .sudo()
            .create(
                {
                    "program_id": program.id,
                    "partner_id": holder.id,
                    "points": points,
                    "expiration_date": expiration,
                }
            )
        )
        client.message_post(
            body=self.env._(
                "%(kind)s %(code)s of %(program)s issued%(to)s.",
                kind=dict(
                    program._fields["client_issue_kind"]._description_selection(
                        self.env
                    )
                )[program.client_issue_kind],
                code=card.code,
                program=program.name,
                to=self.env._(" to %s", self.holder_id.name) if self.holder_id else "",
            ),
            subtype_xmlid="mail.mt_note",
        )
        person = self.holder_id or client
        if program.client_questionnaire_at_issue == "email":
            if not person.email:
                raise UserError(
                    self.env._(
                        "%(person)s has no email address for the questionnaire: "
                        "add one, or hand it over to fill in together.",
                        person=person.display_name,
                    )
                )
            survey = person._client_questionnaire()
            person._client_questionnaire_invite(survey, person, self.company_id)
        elif program.client_questionnaire_at_issue == "counter":
            return person.action_fill_client_questionnaire()
        return {
            "type": "ir.actions.act_window",
            "res_model": "loyalty.card",
            "res_id": card.id,
            "view_mode": "form",
            "target": "current",
        }
