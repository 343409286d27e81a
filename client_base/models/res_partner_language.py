from odoo import models


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _client_staff_lang(self):
        """Language of what the suite writes for a client's staff on its own
        (activities, chatter notes of jobs, of the client's answers and
        ratings): its salesperson's, else its company's, else the current one.
        What is written for the client itself goes in the client's ``lang``."""
        self.ensure_one()
        client = self.commercial_partner_id
        company = client.company_id or self.env.company
        return client.user_id.lang or company.partner_id.lang or self.env.lang

    def _client_by_staff_lang(self):
        """The partners of ``self``, grouped by :meth:`_client_staff_lang`."""
        groups = {}
        for partner in self:
            lang = partner._client_staff_lang()
            groups[lang] = groups.get(lang, self.browse()) | partner
        return groups
