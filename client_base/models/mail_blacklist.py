from odoo import api, models, tools


class MailBlacklist(models.Model):
    """Odoo's email blocklist and the suite's consent, both ways: an address
    blocked in Odoo (unsubscribe link, blocklist page, portal account
    deletion, an entry made or restored by hand or imported) is a withdrawal
    row of each person with that address; lifted in Odoo (the remove wizard,
    archiving or deleting the entry) it is a consent row of who lifted it,
    under the rule of every lift (the person on Odoo's public pages, else a
    Client Base manager with the reason as proof). The rows the suite writes
    itself reach the blocklist with the context key
    ``client_base_consent_sync``, which stops the echo; bounces are not
    opt-outs (``client_base_bounce``)."""

    _inherit = "mail.blacklist"

    @api.model_create_multi
    def create(self, vals_list):
        # Odoo's create returns the entries that exist already too: only the
        # new ones are new opt-outs (a restored one passes through write)
        emails = [tools.email_normalize(vals.get("email")) for vals in vals_list]
        before = self.with_context(active_test=False).search(
            [("email", "in", [email for email in emails if email])]
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

    def _add(self, email, message=None):
        # the message is the note of the consent row the entry makes
        noted = self.with_context(client_base_blocklist_note=message)
        return super(MailBlacklist, noted)._add(email, message=message)

    def _remove(self, email, message=None):
        noted = self.with_context(client_base_blocklist_note=message)
        return super(MailBlacklist, noted)._remove(email, message=message)

    def _client_consent_follow(self, blocked):
        self.env["client.base.consent"]._from_blacklist(
            "email",
            self.mapped("email"),
            "withdrawn" if blocked else "granted",
            self.env.context.get("client_base_blocklist_note"),
        )
