# One file per feature of the model (see the module's other files of it).
# pylint: disable=consider-merging-classes-inherited
from odoo import api, fields, models

CONSENT_STATES = [
    ("unknown", "Not asked"),
    ("granted", "Granted"),
    ("withdrawn", "Withdrawn"),
]


class ResPartner(models.Model):
    """Where a client came from, and the marketing consent each person gives per
    channel (client.base.consent rows; the latest one is the person's
    answer and reaches Odoo's blacklists)."""

    _inherit = "res.partner"

    # Where the client came from; consent belongs to the person who gives it.
    client_source_id = fields.Many2one(
        "client.base.source",
        string="Source",
        index=True,
        groups="client_base.group_client_base_user",
        tracking=True,
    )

    client_source_kind = fields.Selection(
        related="client_source_id.kind", groups="client_base.group_client_base_user"
    )

    client_source_campaign_id = fields.Many2one(
        "utm.campaign",
        string="Campaign",
        groups="client_base.group_client_base_user",
        help="The advertising campaign that brought the client.",
    )

    client_referred_by_id = fields.Many2one(
        "res.partner",
        string="Referred By",
        groups="client_base.group_client_base_user",
    )

    client_consent_ids = fields.One2many(
        "client.base.consent",
        "partner_id",
        string="Consent History",
        groups="client_base.group_client_base_user",
    )

    client_consent_email = fields.Selection(
        CONSENT_STATES,
        string="Email Consent",
        compute="_compute_client_consent",
        store=True,
        groups="client_base.group_client_base_user",
    )

    client_consent_sms = fields.Selection(
        CONSENT_STATES,
        string="SMS Consent",
        compute="_compute_client_consent",
        store=True,
        groups="client_base.group_client_base_user",
    )

    client_consent_phone = fields.Selection(
        CONSENT_STATES,
        string="Phone Consent",
        compute="_compute_client_consent",
        store=True,
        groups="client_base.group_client_base_user",
    )

    @api.depends(
        "client_consent_ids.state",
        "client_consent_ids.date",
        "client_consent_ids.channel",
    )
    def _compute_client_consent(self):
        latest = self._client_base_latest_consents()
        for partner in self:
            for channel in ("email", "sms", "phone"):
                consent = latest.get((partner.id, channel))
                partner[f"client_consent_{channel}"] = (
                    consent.state if consent else "unknown"
                )

    def _client_consent_address(self, channel):
        """The address a consent on ``channel`` concerns: normalised email,
        or the phone number in international format."""
        self.ensure_one()
        if channel == "email":
            return self.email_normalized or self.email or False
        number = self.mobile or self.phone
        return (number and self._phone_format(number=number)) or number or False

    def _client_base_latest_consents(self):
        """{(partner id, channel): latest consent row} for these partners."""
        latest = {}
        consents = (
            self.env["client.base.consent"]
            .sudo()
            .search([("partner_id", "in", self.ids)], order="date asc, id asc")
        )
        for consent in consents:
            latest[(consent.partner_id.id, consent.channel)] = consent
        return latest

    def _client_consent_follow_address(self):
        """A person who withdrew keeps their withdrawal on a new address: the
        latest row per channel reaches Odoo's blacklists for it too."""
        latest = self.sudo()._client_base_latest_consents()
        withdrawn = [
            consent
            for (_partner, channel), consent in latest.items()
            if consent.state == "withdrawn" and channel in ("email", "sms")
        ]
        if withdrawn:
            self.env["client.base.consent"].sudo().union(*withdrawn)._sync_blacklists()
