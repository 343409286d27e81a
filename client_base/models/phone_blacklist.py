from odoo import models


class PhoneBlacklist(models.Model):
    """Odoo's phone blocklist follows and feeds the SMS consent (see
    client.base.blocklist.consent)."""

    _name = "phone.blacklist"
    # the bridge first, so that its create, write, _add … wrap Odoo's
    _inherit = ["client.base.blocklist.consent", "phone.blacklist"]  # noqa: RUF012
    _client_consent_channel = "sms"
    _client_consent_address = "number"

    def _client_blocklist_addresses(self, vals_list):
        return [
            self.env.user._phone_format(number=vals.get("number") or "")
            for vals in vals_list
        ]
