from odoo import api, models
from odoo.exceptions import ValidationError

NAME_MAX = 256


class ClientBaseCatalogue(models.AbstractModel):
    """What the suite's catalogues (churn reasons, client sources) share: a
    name of at most 256 characters, unique among the entries a company sees
    (its own and the shared ones), whatever the letter case."""

    _name = "client.base.catalogue"
    _description = "Client Base Catalogue"

    @api.constrains("name", "company_id")
    def _check_catalogue_name(self):
        for entry in self:
            name = (entry.name or "").strip()
            if len(name) > NAME_MAX:
                raise ValidationError(
                    self.env._(
                        "A name has at most %(max)s characters (%(count)s given).",
                        max=NAME_MAX,
                        count=len(name),
                    )
                )
            companies = [False, entry.company_id.id] if entry.company_id else [False]
            escaped = name.replace("\\", "\\\\").replace("%", r"\%").replace("_", r"\_")
            clash = (
                self.sudo()
                .with_context(active_test=False)
                .search(
                    [
                        ("id", "!=", entry.id),
                        ("name", "=ilike", escaped),
                        *(
                            [("company_id", "in", companies)]
                            if entry.company_id
                            else []
                        ),
                    ],
                    limit=1,
                )
            )
            if clash:
                raise ValidationError(
                    self.env._(
                        "“%s” already exists: choose another name, or use (or "
                        "restore from the archive) the existing one.",
                        name,
                    )
                )
