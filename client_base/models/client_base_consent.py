from odoo import api, fields, models
from odoo.exceptions import ValidationError

CHANNELS = [("email", "Email"), ("sms", "SMS"), ("phone", "Phone")]


class ClientBaseConsent(models.Model):
    """Marketing consent of a person for one channel, kept as a history.

    Rows are never rewritten: a change of mind is a new row, and the latest row
    per person and channel is what counts. A withdrawal also reaches Odoo's own
    mail and phone blacklists, so every Odoo mailing respects it.
    """

    _name = "client.base.consent"
    _description = "Marketing Consent"
    _order = "date desc, id desc"
    _rec_name = "partner_id"

    partner_id = fields.Many2one(
        "res.partner", string="Person", required=True, index=True, ondelete="cascade"
    )
    channel = fields.Selection(CHANNELS, required=True)
    state = fields.Selection(
        [("granted", "Granted"), ("withdrawn", "Withdrawn")],
        required=True,
        default="granted",
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    legal_basis = fields.Selection(
        [
            ("consent", "Consent"),
            ("contract", "Contract"),
            ("legitimate_interest", "Legitimate interest"),
            ("legal_obligation", "Legal obligation"),
        ],
        required=True,
        default="consent",
    )
    method = fields.Selection(
        [
            ("form", "Signed form"),
            ("questionnaire", "Questionnaire"),
            ("website", "Website"),
            ("verbal", "Verbal, recorded by a salesperson"),
            ("email", "Email reply"),
            ("import", "Import"),
        ],
        string="How",
        required=True,
        default="verbal",
    )
    note = fields.Char()
    user_id = fields.Many2one(
        "res.users",
        string="Recorded By",
        default=lambda self: self.env.user,
        readonly=True,
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        readonly=True,
    )

    @api.constrains("date")
    def _check_date(self):
        now = fields.Datetime.now()
        if any(consent.date > now for consent in self):
            raise ValidationError(
                self.env._("A consent cannot be dated in the future.")
            )

    @api.model_create_multi
    def create(self, vals_list):
        consents = super().create(vals_list)
        consents._sync_blacklists()
        return consents

    def _sync_blacklists(self):
        """Mirror the latest consent per person and channel in Odoo's blacklists."""
        latest = self.partner_id._client_base_latest_consents()
        for consent in self:
            if latest.get((consent.partner_id.id, consent.channel)) != consent:
                continue
            partner = consent.partner_id
            message = self.env._(
                "Marketing consent %(state)s (%(how)s)",
                state=consent.state,
                how=consent.method,
            )
            if consent.channel == "email" and partner.email:
                blacklist = self.env["mail.blacklist"].sudo()
                if consent.state == "withdrawn":
                    blacklist._add(partner.email, message=message)
                else:
                    blacklist._remove(partner.email, message=message)
            elif consent.channel == "sms" and (partner.mobile or partner.phone):
                blacklist = self.env["phone.blacklist"].sudo()
                numbers = [n for n in (partner.mobile, partner.phone) if n]
                if consent.state == "withdrawn":
                    blacklist._add(numbers, message=message)
                else:
                    blacklist._remove(numbers, message=message)
