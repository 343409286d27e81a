from odoo import api, fields, models
from odoo.osv import expression


class MailingMailing(models.Model):
    _inherit = "mailing.mailing"

    client_audience_id = fields.Many2one(
        "client.base.audience",
        help="The audience's contacts are read again when the mailing is sent; "
        "the mailing's own filter narrows them further.",
    )
    client_consent_required = fields.Boolean(
        string="Only With Consent",
        compute="_compute_client_consent_required",
        store=True,
        readonly=False,
        help="Contacts without marketing consent for this channel are left out "
        "when the mailing is sent.",
    )
    client_consent_excluded_count = fields.Integer(
        string="Excluded for Consent",
        readonly=True,
        copy=False,
        help="Contacts of the audience the mailing would have reached (its own "
        "filter applied, which already drops blacklisted addresses) left out "
        "for lack of consent, counted when the mailing was sent.",
    )

    @api.depends("mailing_model_id", "client_audience_id")
    def _compute_client_consent_required(self):
        for mailing in self:
            mailing.client_consent_required = (
                bool(mailing.client_audience_id)
                or mailing.mailing_model_id.model == "res.partner"
            )

    @api.onchange("client_audience_id")
    def _onchange_client_audience_id(self):
        if self.client_audience_id:
            self.mailing_model_id = self.env["ir.model"]._get("res.partner")

    def _client_audience_domain(self):
        """The recipients before consent: the mailing's own filter (with
        Odoo's default exclusions, e.g. blacklisted addresses) narrowing the
        audience as it is now."""
        domain = super()._get_recipients_domain()
        if self.client_audience_id:
            audience = self.client_audience_id.sudo()
            domain = expression.AND([[("id", "in", audience._partner_query())], domain])
        return domain

    def _client_consent_applies(self):
        return self.client_consent_required and self.mailing_model_real == "res.partner"

    def _get_recipients_domain(self):
        domain = self._client_audience_domain()
        if self._client_consent_applies():
            domain = expression.AND(
                [
                    domain,
                    self.env["client.base.audience"]._consent_domain(self.mailing_type),
                ]
            )
        return domain

    def _get_remaining_recipients(self):
        """At send time: record how many of the audience consent left out."""
        if self._client_consent_applies():
            Partner = self.env["res.partner"]
            everyone = Partner.search_count(self._client_audience_domain())
            consenting = Partner.search_count(self._get_recipients_domain())
            self.sudo().client_consent_excluded_count = everyone - consenting
        return super()._get_remaining_recipients()
