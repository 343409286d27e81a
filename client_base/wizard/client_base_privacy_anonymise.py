# One file per feature of the model (see the module's other files of it).
# pylint: disable=consider-merging-classes-inherited
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Command
from odoo.tools import format_date

from ..models.client_base_questionnaire_mapping import MAPPABLE_FIELDS


class ClientBasePrivacy(models.TransientModel):
    """A person's data erased from the base (their right to erasure): partner
    values, blacklists, the suite's rows and messages, and a log of it."""

    _inherit = "client.base.privacy"

    # ------------------------------------------------------------------
    # Anonymisation
    # ------------------------------------------------------------------
    def action_anonymise(self):
        """Erase the person's data for good; orders and statistics stay, with
        the anonymised partner. Odoo's blacklists keep the email and phone, so
        that nothing is ever sent to them again."""
        self.ensure_one()
        self._check_manager()
        partner = self.partner_id
        partner.check_access("write")
        if partner.sudo().with_context(active_test=False).user_ids:
            raise UserError(
                self.env._(
                    "%s is a user of this database and cannot be anonymised "
                    "here: ask an administrator.",
                    partner.display_name,
                )
            )
        if (
            self.env["res.company"]
            .sudo()
            .with_context(active_test=False)
            .search_count([("partner_id", "=", partner.id)], limit=1)
        ):
            raise UserError(
                self.env._(
                    "%s is one of your companies and cannot be anonymised.",
                    partner.display_name,
                )
            )
        partner = partner.sudo()
        # found while the person still has their name and email
        references = self._get_references()
        original_name, original_email = partner.name, partner.email_normalized
        self._anonymise_blacklist(partner)
        counts = self._anonymise_rows(partner)
        staff_env = self.with_context(lang=partner._client_staff_lang()).env
        partner.with_context(tracking_disable=True).write(
            self._get_anonymise_partner_values(partner, staff_env)
        )
        counts.update(self._anonymise_messages(partner))
        # no export of the person may outlive them
        self.sudo().search([("partner_id", "=", partner.id)]).filtered(
            lambda wizard: wizard != self
        ).unlink()
        self.env["ir.attachment"].sudo().search(
            [("res_model", "=", self._name), ("res_id", "=", self.id)]
        ).unlink()
        partner._message_log(
            body=staff_env._(
                "Anonymised by %(user)s on %(date)s.",
                user=self.env.user.name,
                date=format_date(staff_env, fields.Date.context_today(self)),
            )
        )
        self._anonymise_log(partner, original_name, original_email, references, counts)
        return {"type": "ir.actions.act_window_close"}

    @api.model
    def _get_anonymise_partner_values(self, partner, staff_env):
        """What the partner's fields become: its name says it is anonymised,
        its contact details, profile and the suite's free texts are erased
        (the country stays, for statistics). A hook."""
        erased = [
            "email", "phone", "mobile", "street", "street2", "zip", "city",
            "website", "vat", "comment", "function", "title", "image_1920",
            "client_birthday", "client_foundation_date", "client_referred_by_id",
            *MAPPABLE_FIELDS,
            *self._get_partner_free_text_fields(),
        ]  # fmt: skip
        values = {
            fname: False for fname in dict.fromkeys(erased) if fname in partner._fields
        }
        values["category_id"] = [Command.clear()]
        values["name"] = staff_env._("Anonymised client #%s", partner.id)
        return values

    @api.model
    def _anonymise_blacklist(self, partner):
        """The email and phone numbers go to Odoo's blacklists, the only place
        they are kept."""
        message = self.env._("Added when the person's data was anonymised.")
        if partner.email_normalized:
            self.env["mail.blacklist"].sudo()._add(
                partner.email_normalized, message=message
            )
        numbers = [
            partner._phone_format(number=number) or number
            for number in (partner.mobile, partner.phone)
            if number
        ]
        if numbers:
            self.env["phone.blacklist"].sudo()._add(
                list(dict.fromkeys(numbers)), message=message
            )

    @api.model
    def _anonymise_rows(self, partner):
        """Erase the free texts and answers kept in the suite's rows; the rows
        themselves (dates, states, scores) stay for the statistics."""
        addresses = [
            address
            for address in (
                partner._client_consent_address("email"),
                partner._client_consent_address("sms"),
            )
            if address
        ]
        consents = (
            self.env["client.base.consent"]
            .sudo()
            .with_context(client_base_anonymise=True, active_test=False)
            .search(
                [
                    "|",
                    ("partner_id", "=", partner.id),
                    "&",
                    ("partner_id", "=", False),
                    ("address", "in", addresses),
                ]
            )
        )
        proofs = consents.attachment_ids
        consents.write(
            {"note": False, "address": False, "attachment_ids": [Command.clear()]}
        )
        proofs.unlink()
        history = (
            self.env["client.base.status.history"]
            .sudo()
            .search([("partner_id", "=", partner.id)])
        )
        history.write({"note": False})
        self.env["client.base.threshold.override"].sudo().search(
            [("partner_id", "=", partner.id), ("note", "!=", False)]
        ).write({"note": False})
        answers = (
            self.env["survey.user_input"]
            .sudo()
            .search([("partner_id", "=", partner.id)])
        )
        answers.user_input_line_ids.filtered(lambda line: not line.skipped).write(
            {
                "skipped": True,
                "answer_type": False,
                "value_char_box": False,
                "value_numerical_box": 0,
                "value_scale": 0,
                "value_date": False,
                "value_datetime": False,
                "value_text_box": False,
                "suggested_answer_id": False,
                "matrix_row_id": False,
            }
        )
        answers.write(
            {"email": False, "nickname": False, "client_mapping_report": False}
        )
        ratings = (
            self.env["rating.rating"].sudo().search([("partner_id", "=", partner.id)])
        )
        ratings.filtered("feedback").write({"feedback": False})
        # the comment's copies: the rating's message, the low score activity
        ratings.message_id.write({"body": ""})
        self.env["mail.activity"].sudo().search(
            [
                ("res_model", "=", "sale.order"),
                (
                    "res_id",
                    "in",
                    ratings.filtered(
                        lambda rating: rating.res_model == "sale.order"
                    ).mapped("res_id"),
                ),
                (
                    "activity_type_id",
                    "=",
                    self.env.ref("client_base.mail_activity_type_low_feedback").id,
                ),
            ]
        ).write({"note": False})
        return {
            "consents": len(consents),
            "history": len(history),
            "answers": len(answers),
            "ratings": len(ratings),
        }

    @api.model
    def _anonymise_messages(self, partner):
        """Erase what the chatter of the partner kept: message bodies and
        files, the old values its tracking recorded, and the partner's old
        name in other records' tracking."""
        Message = self.env["mail.message"].sudo()
        messages = Message.search(
            [("model", "=", "res.partner"), ("res_id", "=", partner.id)]
        )
        tracking = messages.tracking_value_ids
        tracking_count = len(tracking)
        tracking.unlink()
        messages.attachment_ids.unlink()
        messages.write({"body": "", "subject": False})
        Message.search([("author_id", "=", partner.id)]).write({"email_from": False})
        self.env["mail.activity"].sudo().search(
            [("res_model", "=", "res.partner"), ("res_id", "=", partner.id)]
        ).write({"note": False})
        Tracking = self.env["mail.tracking.value"].sudo()
        for side in ("old", "new"):
            Tracking.search(
                [
                    ("field_id.relation", "=", "res.partner"),
                    (f"{side}_value_integer", "=", partner.id),
                ]
            ).write({f"{side}_value_char": partner.name})
        self.env["ir.attachment"].sudo().search(
            [("res_model", "=", "res.partner"), ("res_id", "=", partner.id)]
        ).unlink()
        return {"messages": len(messages), "tracking": tracking_count}

    def _anonymise_log(self, partner, name, email, references, counts):
        """A privacy.log like privacy_lookup's: who, when, what, without the
        person's data (the log masks the name and email it is given)."""
        records = defaultdict(list)
        for record in references:
            records[record._name].append(record.id)
        IrModel = self.env["ir.model"]
        log = (
            self.env["privacy.log"]
            .sudo()
            .create(
                {
                    "anonymized_name": name or str(partner.id),
                    # the log masks an email and refuses anything else
                    "anonymized_email": email or "-@-",
                    "execution_details": self.env._(
                        "Anonymised Contact #%(partner)s: the contact details, "
                        "profile and chatter; notes of %(consents)s consents and "
                        "%(history)s status changes; %(answers)s questionnaire "
                        "answers; comments of %(ratings)s feedback scores; "
                        "%(messages)s messages and %(tracking)s tracked values. "
                        "Email and phone numbers added to the blacklists.",
                        partner=partner.id,
                        **counts,
                    ),
                    "records_description": "\n".join(
                        f"{IrModel._get(model).name} ({len(ids)}): "
                        + ", ".join(f"#{rec_id}" for rec_id in ids)
                        for model, ids in records.items()
                    ),
                }
            )
        )
        if not email:
            log.anonymized_email = self.env._("(no email)")
        return log
