from odoo import api, models


class ClientBaseBlocklistConsent(models.AbstractModel):
    """Odoo's blocklists (email and phone) and the suite's consent, both ways:
    an entry made in Odoo (unsubscribe link, blocklist page, portal account
    deletion, SMS unsubscribe, an entry made or restored by hand or imported)
    is a withdrawal row of each person with that address; an entry lifted in
    Odoo (the remove wizards, archiving or deleting it) is a consent row of
    who lifted it, under the rule of every lift (the person on Odoo's public
    pages, else a Client Base manager with the reason as proof). The rows the
    suite writes itself reach the blocklists with the context key
    ``client_base_consent_sync``, which stops the echo; bounces are not
    opt-outs (``client_base_bounce``).

    A blocklist names its channel and its address field, and turns the values
    a create receives into addresses (Odoo's create also returns, and
    restores through write, the entries that exist already)."""

    _name = "client.base.blocklist.consent"
    _description = "Client Base Blocklist and Consent"
    _client_consent_channel = None
    _client_consent_address = None

    def _client_blocklist_addresses(self, vals_list):
        raise NotImplementedError

    @api.model_create_multi
    def create(self, vals_list):
        field = self._client_consent_address
        addresses = [a for a in self._client_blocklist_addresses(vals_list) if a]
        before = self.with_context(active_test=False).search([(field, "in", addresses)])
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

    def _add(self, addresses, message=None):
        # the message is the note of the consent rows the entries make
        noted = self.with_context(client_base_blocklist_note=message)
        return super(ClientBaseBlocklistConsent, noted)._add(addresses, message=message)

    def _remove(self, addresses, message=None):
        noted = self.with_context(client_base_blocklist_note=message)
        return super(ClientBaseBlocklistConsent, noted)._remove(
            addresses, message=message
        )

    def _client_consent_follow(self, blocked):
        self.env["client.base.consent"]._from_blacklist(
            self._client_consent_channel,
            self.mapped(self._client_consent_address),
            "withdrawn" if blocked else "granted",
            self.env.context.get("client_base_blocklist_note"),
        )
