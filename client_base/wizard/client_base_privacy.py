import json
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tools import format_date, html2plaintext

from ..models.client_base_questionnaire_mapping import MAPPABLE_FIELDS

# the email fields privacy_lookup matches on, and the consents' address
EMAIL_FIELDS = ("email_normalized", "email", "email_from", "company_email", "address")
# what the export holds of the suite's rows
CONSENT_FIELDS = (
    "date", "channel", "state", "legal_basis", "method", "note", "address",
    "attachment_ids", "company_id",
)  # fmt: skip
HISTORY_FIELDS = (
    "date", "status_from", "status_to", "cause", "churn_reason_id", "note",
    "company_id",
)  # fmt: skip
ANSWER_FIELDS = ("survey_id", "create_date", "state")
RATING_FIELDS = ("res_name", "rating", "feedback", "write_date")


class ClientBasePrivacy(models.TransientModel):
    """A person's rights on their data (GDPR art. 15 and 17, 152-FZ art. 14
    and 21), for Client Base managers: a copy of everything kept about them,
    or its erasure. Odoo's privacy lookup, for administrators only, says
    which records concern them; orders and statistics stay, anonymised."""

    _name = "client.base.privacy"
    _description = "Client Privacy Request"

    partner_id = fields.Many2one(
        "res.partner", string="Person", required=True, ondelete="cascade"
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if (
            "partner_id" in fields_list
            and not values.get("partner_id")
            and self.env.context.get("active_model") == "res.partner"
        ):
            values["partner_id"] = self.env.context.get("active_id")
        return values

    # ------------------------------------------------------------------
    # Export
    # ------------------------------------------------------------------
    def action_export(self):
        """Every row kept about the person, as one JSON file in their language."""
        self.ensure_one()
        self._check_manager()
        self.partner_id.check_access("read")
        data = self._get_export_data()
        title = self._client_env()._("Personal data of client #%s", self.partner_id.id)
        attachment = self.env["ir.attachment"].create(
            {
                "name": f"{title}.json",
                "raw": json.dumps(data, ensure_ascii=False, indent=2).encode(),
                "mimetype": "application/json",
                # the file lives as long as this wizard, not on the partner
                "res_model": self._name,
                "res_id": self.id,
            }
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{attachment.id}?download=true",
            "target": "self",
        }

    def _client_env(self):
        """The environment the export is written in: the person's language,
        every company of the manager."""
        lang = self.partner_id.lang
        if lang not in dict(self.env["res.lang"].get_installed()):
            lang = self.env.lang
        return self.with_context(
            lang=lang, allowed_company_ids=self.env.user.company_ids.ids
        ).env

    @api.model
    def _get_export_partner_fields(self):
        """The partner's own fields the export holds: contact details, the
        profile, what questionnaires fill and the suite's free texts. A hook."""
        Partner = self.env["res.partner"]
        names = [
            "name", "title", "function", "parent_id", "email", "phone", "mobile",
            "street", "street2", "zip", "city", "state_id", "country_id", "website",
            "vat", "lang", "category_id", "comment", "client_birthday",
            "client_foundation_date", "client_source_id", "client_referred_by_id",
            "client_status", "client_first_order_date", "client_last_order_date",
            "client_order_count", "client_consent_email", "client_consent_sms",
            "client_consent_phone",
            *MAPPABLE_FIELDS,
            *self._get_partner_free_text_fields(),
        ]  # fmt: skip
        return [name for name in dict.fromkeys(names) if name in Partner._fields]

    @api.model
    def _get_partner_free_text_fields(self):
        """The suite's free texts on a partner (how they use our products,
        their plans, what other addons add as ``client_*`` texts)."""
        return [
            name
            for name, field in self.env["res.partner"]._fields.items()
            if name.startswith("client_")
            and field.type in ("char", "text", "html")
            and field.store
            and not field.compute
            and not field.related
        ]

    def _get_export_data(self):
        """{section: rows} of the export, every label in the person's language."""
        self.ensure_one()
        env = self._client_env()
        partner = self.partner_id.with_env(env)
        consents = env["client.base.consent"].search(
            [("partner_id", "=", partner.id)], order="date, id"
        )
        history = env["client.base.status.history"].search(
            [("partner_id", "=", partner.id)], order="date, id"
        )
        answers = env["survey.user_input"].search(
            [("partner_id", "=", partner.id)], order="create_date, id"
        )
        ratings = env["rating.rating"].search(
            [("partner_id", "=", partner.id), ("consumed", "=", True)],
            order="write_date, id",
        )
        return {
            env._("Exported on"): fields.Datetime.to_string(fields.Datetime.now()),
            env._("Exported by"): env.company.name,
            env._("Personal data"): self._export_rows(
                partner, self._get_export_partner_fields()
            )[0],
            env._("Marketing consent"): self._export_rows(consents, CONSENT_FIELDS),
            env._("Status history"): self._export_rows(history, HISTORY_FIELDS),
            env._("Questionnaire answers"): [
                {
                    **self._export_rows(answer, ANSWER_FIELDS)[0],
                    env._("Answers"): [
                        {
                            env._("Question"): line.question_id.title,
                            env._("Answer"): line.display_name,
                        }
                        for line in answer.user_input_line_ids
                    ],
                }
                for answer in answers
            ],
            env._("Feedback"): self._export_rows(ratings, RATING_FIELDS),
            env._("Other records about the person"): [
                {
                    env._("Document"): env["ir.model"]._get(record._name).name,
                    env._("Reference"): record.display_name,
                }
                for record in self._get_references(readable=True)
            ],
        }

    @api.model
    def _export_rows(self, records, fnames):
        """[{field label: readable value}] of ``records``, in their language."""
        rows = []
        for record in records:
            row = {}
            for fname in fnames:
                field = record._fields[fname]
                row[field._description_string(record.env)] = self._export_value(
                    record, field
                )
            rows.append(row)
        return rows

    @api.model
    def _export_value(self, record, field):
        value = record[field.name]
        if field.type == "many2one":
            return value.display_name or None
        if field.type in ("one2many", "many2many"):
            return value.mapped("display_name")
        if field.type == "selection":
            labels = dict(field._description_selection(record.env))
            return labels.get(value) if value else None
        if field.type == "date":
            return fields.Date.to_string(value) or None
        if field.type == "datetime":
            return fields.Datetime.to_string(value) or None
        if field.type == "html":
            return html2plaintext(value) if value else None
        if field.type in ("integer", "float", "monetary", "boolean"):
            return value
        return value or None

    def _get_references(self, readable=False):
        """The records privacy_lookup finds for the person, less what it finds
        by name or email of someone else (a namesake): only records pointing
        to the person, or to a partner or an address with the same email.
        ``readable``: only those the current user may read."""
        self.ensure_one()
        partner = self.partner_id.sudo()
        email = partner.email_normalized
        # privacy_lookup needs a valid email and a name: these match nobody
        nobody = f"client-base-{partner.id}@nobody.invalid"
        lookup = (
            self.env["privacy.lookup.wizard"]
            .sudo()
            .new({"name": partner.name or nobody, "email": email or nobody})
        )
        self.env.flush_all()
        self.env.cr.execute(lookup._get_query())
        ids_by_model = defaultdict(set)
        for row in self.env.cr.dictfetchall():
            ids_by_model[row["res_model_id"]].add(row["res_id"])
        persons = partner
        if email:
            persons |= partner.search([("email_normalized", "=", email)])
        references = []
        for model in self.env["ir.model"].sudo().browse(sorted(ids_by_model)):
            if model.model not in self.env:
                continue
            records = (
                self.env[model.model].sudo().browse(sorted(ids_by_model[model.id]))
            ).exists()
            records = records.filtered(
                lambda record: self._is_about(record, persons, email)
            )
            if readable:
                records = records.with_env(self._client_env())._filtered_access("read")
            references += list(records)
        return references

    @api.model
    def _is_about(self, record, persons, email):
        if record._name == "res.partner":
            return record in persons
        for fname, field in record._fields.items():
            if not field.store:
                continue
            if field.type == "many2one" and field.comodel_name == "res.partner":
                if record[fname] in persons:
                    return True
            elif (
                email
                and fname in EMAIL_FIELDS
                and field.type == "char"
                and email in (record[fname] or "").lower()
            ):
                return True
        return False

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

    def _check_manager(self):
        if not self.env.user.has_group("client_base.group_client_base_manager"):
            raise AccessError(
                self.env._(
                    "Only a Client Base manager can export or anonymise a "
                    "person's data."
                )
            )
