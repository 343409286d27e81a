from odoo import api, models


class ClientBaseClientScope(models.AbstractModel):
    """What rules for some clients share (minimum order thresholds, contact
    standards): scope fields from the most specific to the least, a label
    saying which clients, and the domain of rules with the same scope.

    Other addons add scopes here once for every such rule (client_base_analysis:
    the ABC class).
    """

    _name = "client.base.client.scope"
    _description = "Clients a Rule Applies To"

    @api.model
    def _scope_fields(self):
        """Scope fields from the most specific to the least: each rule model
        puts its own first and ends with ``super()``'s."""
        return []

    def _scope_label(self):
        self.ensure_one()
        parts = [
            self[fname].display_name
            if isinstance(self[fname], models.BaseModel)
            else dict(self._fields[fname]._description_selection(self.env)).get(
                self[fname]
            )
            for fname in self._scope_fields()
            if self[fname]
        ]
        return " / ".join(parts) or self.env._("All clients")

    def _same_scope_domain(self):
        """Other rules of the company with exactly this scope."""
        self.ensure_one()
        return [
            ("id", "!=", self.id),
            ("company_id", "=", self.company_id.id),
            *[
                (
                    fname,
                    "=",
                    self[fname].id
                    if isinstance(self[fname], models.BaseModel)
                    else self[fname],
                )
                for fname in self._scope_fields()
            ],
        ]
