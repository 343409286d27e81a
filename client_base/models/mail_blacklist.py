from odoo import models, tools


class MailBlacklist(models.Model):
    """Odoo's email blocklist follows and feeds the consent (see
    client.base.blocklist.consent)."""

    _name = "mail.blacklist"
    # the bridge first, so that its create, write, _add … wrap Odoo's
    _inherit = ["client.base.blocklist.consent", "mail.blacklist"]  # noqa: RUF012
    _client_consent_channel = "email"
    _client_consent_address = "email"

    def _client_blocklist_addresses(self, vals_list):
        return [tools.email_normalize(vals.get("email")) for vals in vals_list]
