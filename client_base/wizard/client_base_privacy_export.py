# One file per feature of the model (see the module's other files of it).
# pylint: disable=consider-merging-classes-inherited
import json
from collections import defaultdict

from odoo import api, fields, models
from odoo.tools import html2plaintext

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
    """What the base holds about a person, exported for them (their right of
    access)."""

    _inherit = "client.base.privacy"

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
