from datetime import datetime

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import html2plaintext

NOTE_MAX = 2000
CHANNELS = [("email", "Email"), ("sms", "SMS"), ("phone", "Phone")]


class ClientBaseConsent(models.Model):
    """Marketing consent of a person for one channel, kept as a history.

    Consent is evidence. Rows are never rewritten nor deleted (only a person's
    anonymisation erases them): a change of mind or a correction is a new row,
    and the latest row per person and channel is what counts; its author is
    always the user who recorded it. A withdrawal also reaches Odoo's own mail
    and phone blacklists, so every Odoo mailing respects it. An opt-out the
    person made (a withdrawal, Odoo's blacklist) is lifted only by a Client
    Base manager with a proof.
    """

    _name = "client.base.consent"
    _description = "Marketing Consent"
    _order = "date desc, id desc"
    _rec_name = "partner_id"

    # evidence outlives the partner: a deleted person's rows stay with the
    # address they concern
    partner_id = fields.Many2one(
        "res.partner", string="Person", index=True, ondelete="set null"
    )
    address = fields.Char(
        readonly=True,
        help="The email address or phone number the consent concerns, as it was "
        "when recorded.",
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
            ("blocklist", "Odoo's blocklist (unsubscribe link or blocklist screen)"),
        ],
        string="How",
        required=True,
        default="verbal",
    )
    note = fields.Char(
        help="What the person said or signed; the proof when an opt-out is lifted."
    )
    attachment_ids = fields.Many2many(
        "ir.attachment",
        string="Proof",
        help="The signed form, the email or the recording behind this consent.",
    )
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

    @api.constrains("date", "note")
    def _check_date(self):
        now = fields.Datetime.now()
        if any(not (datetime(1900, 1, 1) <= consent.date <= now) for consent in self):
            raise ValidationError(
                self.env._("A consent is dated in the past, from 1900 on.")
            )
        if any(len(consent.note or "") > NOTE_MAX for consent in self):
            raise ValidationError(
                self.env._(
                    "A consent's note has at most %s characters: attach a longer "
                    "proof as a file.",
                    NOTE_MAX,
                )
            )

    @api.model_create_multi
    def create(self, vals_list):
        Partner = self.env["res.partner"].sudo()
        for vals in vals_list:
            if not vals.get("partner_id"):
                raise ValidationError(
                    self.env._("A consent is given by a person: choose who.")
                )
            # the author is who records it, whatever the request says
            vals["user_id"] = self.env.uid
            person = Partner.browse(vals["partner_id"])
            vals["address"] = person._client_consent_address(vals.get("channel"))
        consents = super().create(vals_list)
        # the proof belongs to the consent: it can no more be changed or
        # deleted than the consent itself (attachments follow their record)
        for consent in consents.filtered("attachment_ids"):
            consent.attachment_ids.sudo().filtered(
                lambda attachment: not attachment.res_id
            ).write({"res_model": self._name, "res_id": consent.id})
        consents._check_opt_out_lifted()
        consents._sync_blacklists()
        return consents

    def write(self, vals):
        if not self.env.context.get("client_base_anonymise"):
            raise UserError(
                self.env._(
                    "A recorded consent is evidence and cannot be changed: record "
                    "a new consent for the person instead."
                )
            )
        return super().write(vals)

    def unlink(self):
        if not self.env.context.get("client_base_anonymise"):
            raise UserError(
                self.env._(
                    "A recorded consent is evidence and cannot be deleted: record "
                    "a new consent for the person instead."
                )
            )
        return super().unlink()

    def _check_opt_out_lifted(self):
        """A grant over an opt-out the person made (their latest row a
        withdrawal, or their address on Odoo's blacklist) needs a Client Base
        manager and a proof: a note or a file."""
        grants = self.filtered(lambda consent: consent.state == "granted")
        if not grants or self.env.su:
            return
        manager = self.env.user.has_group("client_base.group_client_base_manager")
        for consent in grants:
            if not consent._lifts_opt_out():
                continue
            if not manager:
                raise AccessError(
                    self.env._(
                        "%(person)s opted out of %(channel)s. Only a Client Base "
                        "manager can record their new consent, with the proof of "
                        "it (a note or a file) and how it was given.",
                        person=consent.partner_id.display_name,
                        channel=consent._channel_label(),
                    )
                )
            if not (consent.note or "").strip() and not consent.attachment_ids:
                raise ValidationError(
                    self.env._(
                        "%(person)s opted out of %(channel)s: lifting it needs the "
                        "proof of the new consent, a note or a file.",
                        person=consent.partner_id.display_name,
                        channel=consent._channel_label(),
                    )
                )

    @api.model
    def _from_blacklist(self, channel, addresses, state, message=None):
        """Rows for an opt-out (``withdrawn``) or its lift (``granted``) made
        in Odoo's blocklist, one per person with one of ``addresses``
        (normalised emails or sanitised numbers). Lifting is the person's own
        on Odoo's public pages; an internal user lifting it must be a Client
        Base manager and give the reason, the proof."""
        context = self.env.context
        addresses = [address for address in addresses if address]
        if (
            not addresses
            or context.get("client_base_consent_sync")
            or context.get("client_base_bounce")
        ):
            return self.browse()
        column = "email_normalized" if channel == "email" else "phone_sanitized"
        people = (
            self.env["res.partner"]
            .sudo()
            .with_context(active_test=False)
            .search([(column, "in", addresses)])
        )
        if not people:
            return self.browse()
        user = self.env.user
        note = (html2plaintext(message) if message else "").strip()
        if state == "granted" and not (user._is_public() or user._is_superuser()):
            if not user.has_group("client_base.group_client_base_manager"):
                labels = dict(self._fields["channel"]._description_selection(self.env))
                raise AccessError(
                    self.env._(
                        "%(people)s opted out of %(channel)s. Only a Client Base "
                        "manager can lift it, giving the reason.",
                        people=", ".join(people.mapped("display_name")),
                        channel=labels[channel],
                    )
                )
            if not note:
                raise ValidationError(
                    self.env._(
                        "Lifting an opt-out needs its reason: the proof of the "
                        "person's new consent."
                    )
                )
        return (
            self.sudo()
            .with_context(client_base_consent_sync=True)
            .create(
                [
                    {
                        "partner_id": person.id,
                        "channel": channel,
                        "state": state,
                        "method": "blocklist",
                        "legal_basis": "consent",
                        "note": note[:1000] or False,
                    }
                    for person in people
                ]
            )
        )

    def _channel_label(self):
        self.ensure_one()
        return dict(self._fields["channel"]._description_selection(self.env))[
            self.channel
        ]

    def _lifts_opt_out(self):
        """Whether this grant lifts an opt-out: the person's previous row for
        the channel is a withdrawal, or Odoo's blacklist holds their address."""
        self.ensure_one()
        previous = self.sudo().search(
            [
                ("partner_id", "=", self.partner_id.id),
                ("channel", "=", self.channel),
                ("id", "!=", self.id),
                "|",
                ("date", "<", self.date),
                "&",
                ("date", "=", self.date),
                ("id", "<", self.id),
            ],
            order="date desc, id desc",
            limit=1,
        )
        if previous.state == "withdrawn":
            return True
        # Odoo's blacklists themselves, not the partner's cached flags
        partner = self.partner_id.sudo()
        if self.channel == "email" and partner.email_normalized:
            return bool(
                self.env["mail.blacklist"]
                .sudo()
                .search_count([("email", "=", partner.email_normalized)], limit=1)
            )
        if self.channel == "sms":
            numbers = [
                partner._phone_format(number=number)
                for number in (partner.mobile, partner.phone)
                if number
            ]
            numbers = [number for number in numbers if number]
            return bool(
                numbers
                and self.env["phone.blacklist"]
                .sudo()
                .search_count([("number", "in", numbers)], limit=1)
            )
        return False

    def _sync_blacklists(self):
        """Mirror the latest consent per person and channel in Odoo's blacklists."""
        latest = self.partner_id._client_base_latest_consents()
        for consent in self:
            if latest.get((consent.partner_id.id, consent.channel)) != consent:
                continue
            partner = consent.partner_id
            message = self.env._(
                "Marketing consent %(state)s (%(how)s)",
                state=dict(self._fields["state"]._description_selection(self.env))[
                    consent.state
                ],
                how=dict(self._fields["method"]._description_selection(self.env))[
                    consent.method
                ],
            )
            if consent.channel == "email" and partner.email_normalized:
                blacklist = (
                    self.env["mail.blacklist"]
                    .sudo()
                    .with_context(client_base_consent_sync=True)
                )
                if consent.state == "withdrawn":
                    blacklist._add(partner.email_normalized, message=message)
                else:
                    blacklist._remove(partner.email_normalized, message=message)
            elif consent.channel == "sms" and (partner.mobile or partner.phone):
                blacklist = (
                    self.env["phone.blacklist"]
                    .sudo()
                    .with_context(client_base_consent_sync=True)
                )
                # only numbers Odoo can normalise: its blacklist refuses others
                numbers = [
                    formatted
                    for formatted in (
                        partner._phone_format(number=number)
                        for number in (partner.mobile, partner.phone)
                        if number
                    )
                    if formatted
                ]
                if not numbers:
                    continue
                if consent.state == "withdrawn":
                    blacklist._add(numbers, message=message)
                else:
                    blacklist._remove(numbers, message=message)
