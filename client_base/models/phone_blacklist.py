from odoo import api, models


class PhoneBlacklist(models.Model):
    """Odoo's phone blocklist and the suite's SMS consent, both ways, by the
    same rules as the email blocklist (see mail.blacklist): SMS unsubscribe
    and entries made by hand are withdrawals, lifting is a consent row of who
    lifted it."""

    _inherit = "phone.blacklist"

    @api.model_create_multi
    def create(self, vals_list):
        # Odoo's create returns (and restores through write) the entries that
        # exist already: only the new ones are new opt-outs
        numbers = [
            self.env.user._phone_format(number=vals.get("number") or "")
            for vals in vals_list
        ]
        before = self.with_context(active_test=False).search(
            [("number", "in", [number for number in numbers if number])]
        )
        records = super().create(vals_list)
        (records - before).filtered("active")._client_consent_follow(blocked=True)
        return records

    def write(self, vals):
        if "active" not in vals:
            return super().write(vals)
        changed = self.filtered(lambda entry: entry.active != bool(vals["active"]))
        res = super().write(vals)
        changed._client_consent_follow(blocked=bool(vals["active"]))
        return res

    def unlink(self):
        self.filtered("active")._client_consent_follow(blocked=False)
        return super().unlink()

    def _add(self, numbers, message=None):
        noted = self.with_context(client_base_blocklist_note=message)
        return super(PhoneBlacklist, noted)._add(numbers, message=message)

    def _remove(self, numbers, message=None):
        noted = self.with_context(client_base_blocklist_note=message)
        return super(PhoneBlacklist, noted)._remove(numbers, message=message)

    def _client_consent_follow(self, blocked):
        self.env["client.base.consent"]._from_blacklist(
            "sms",
            self.mapped("number"),
            "withdrawn" if blocked else "granted",
            self.env.context.get("client_base_blocklist_note"),
        )
