from odoo import models, tools


class MailBlacklist(models.Model):
    """Odoo's email blocklist and the suite's consent, both ways: an opt-out
    made in Odoo (unsubscribe link, blocklist page, portal account deletion, an
    address blocked by hand) is a withdrawal row of each person with that
    address; lifting it in Odoo is a consent row of who lifted it, under the
    rule of every lift (a Client Base manager with the reason as proof). The
    rows the suite writes itself reach the blocklist with the context key
    ``client_base_consent_sync``, which stops the echo; bounces are not
    opt-outs (``client_base_bounce``)."""

    _inherit = "mail.blacklist"

    def _add(self, email, message=None):
        records = super()._add(email, message=message)
        self.env["client.base.consent"]._from_blacklist(
            "email", [tools.email_normalize(email)], "withdrawn", message
        )
        return records

    def _remove(self, email, message=None):
        records = super()._remove(email, message=message)
        self.env["client.base.consent"]._from_blacklist(
            "email", [tools.email_normalize(email)], "granted", message
        )
        return records
