from odoo import models
from odoo.tools import SQL


class ResUsers(models.Model):
    """A user's partner fields are the partner's: the suite's client data on
    them read and filter as on the partner (the access principle), for the
    portal users of a colleague's client too."""

    _name = "res.users"
    _inherit = ["res.users", "client.base.purchase.source"]  # noqa: RUF012

    def _client_base_purchase_clients_sql(self):
        # an internal user's partner is no client: its purchases go and come
        # back with the user's partner, access and activity
        return SQL(
            "SELECT partner.commercial_partner_id FROM res_users u"
            " JOIN res_partner partner ON partner.id = u.partner_id"
            " WHERE u.id = ANY(%s)",
            list(self.ids),
        )

    def _read_format(self, fnames, load="_classic_read"):
        result = super()._read_format(fnames, load)
        Partner = self.env["res.partner"]
        scoped = Partner._client_base_scoped_fields().intersection(fnames)
        if not scoped or Partner._client_base_sees_all():
            return result
        partners = self.sudo().partner_id.with_env(self.env)
        hidden_partners = partners - partners._client_base_visible()
        hidden = {user.id for user in self.sudo() if user.partner_id in hidden_partners}
        for values in result:
            if values["id"] in hidden:
                for fname in scoped.intersection(values):
                    values[fname] = (
                        []
                        if Partner._fields[fname].type in ("one2many", "many2many")
                        else False
                    )
        return result

    def _search(self, domain, *args, **kwargs):
        Partner = self.env["res.partner"]
        scoped = Partner._client_base_scoped_fields()
        if domain and not Partner._client_base_sees_all():
            domain = [
                ("partner_id", "any", [tuple(term)])
                if isinstance(term, list | tuple)
                and len(term) == 3
                and isinstance(term[0], str)
                and term[0].split(".", 1)[0] in scoped
                else term
                for term in domain
            ]
        return super()._search(domain, *args, **kwargs)
