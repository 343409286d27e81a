from odoo import models, tools
from odoo.tools import SQL


class PrivacyLookupWizard(models.TransientModel):
    _inherit = "privacy.lookup.wizard"

    def _get_query_models_blacklist(self):
        # found by _client_base_lookup_conditions(), each once
        return super()._get_query_models_blacklist() + list(
            self._client_base_lookup_conditions()
        )

    def _client_base_lookup_conditions(self):
        """{model: SQL condition on its table} selecting the suite's rows about
        the person looked up (``indirect_references`` is the CTE of the partners
        privacy_lookup found). A hook: addons add their rows.

        Odoo's enumeration would find most of them by their partner alone; a
        consent also outlives its partner, with the address it concerns.
        """
        partners = SQL("(SELECT id FROM indirect_references)")
        typed = (self.email or "").strip()
        addresses = [
            address for address in {tools.email_normalize(typed), typed} if address
        ]
        return {
            "client.base.consent": SQL(
                "partner_id IN %s OR address = ANY(%s)", partners, addresses
            ),
            "client.base.status.history": SQL("partner_id IN %s", partners),
            "client.base.threshold.override": SQL("partner_id IN %s", partners),
        }

    def _get_query(self):
        query = super()._get_query()
        IrModel = self.env["ir.model"]
        for model_name, condition in self._client_base_lookup_conditions().items():
            model = self.env[model_name]
            query = SQL(
                """
                %s
                UNION ALL
                SELECT %s AS res_model_id, id AS res_id, %s AS is_active
                  FROM %s
                 WHERE %s
                """,
                query,
                IrModel._get_id(model_name),
                SQL.identifier("active") if "active" in model else True,
                SQL.identifier(model._table),
                condition,
            )
        return query
