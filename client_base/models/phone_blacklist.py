from odoo import models


class PhoneBlacklist(models.Model):
    """Odoo's phone blocklist and the suite's SMS consent, both ways (see
    mail.blacklist): SMS unsubscribe and blocking by hand are withdrawals,
    lifting is a consent row of who lifted it."""

    _inherit = "phone.blacklist"

    def _add(self, numbers, message=None):
        records = super()._add(numbers, message=message)
        self.env["client.base.consent"]._from_blacklist(
            "sms", records.mapped("number"), "withdrawn", message
        )
        return records

    def _remove(self, numbers, message=None):
        records = super()._remove(numbers, message=message)
        self.env["client.base.consent"]._from_blacklist(
            "sms", records.mapped("number"), "granted", message
        )
        return records
