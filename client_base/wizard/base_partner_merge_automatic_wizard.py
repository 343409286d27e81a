from odoo import models
from odoo.tools import SQL


class MergePartnerAutomatic(models.TransientModel):
    _inherit = "base.partner.merge.automatic.wizard"

    def _merge(self, partner_ids, dst_partner=None, extra_checks=True):
        """After a merge, recompute the surviving client's statuses in every company.

        The merge moves the status history of the merged partners to the
        surviving one (its rows have no unique constraint), and their orders too,
        so the statuses are computed anew with the cause "merge".
        """
        res = super()._merge(
            partner_ids, dst_partner=dst_partner, extra_checks=extra_checks
        )
        person = self.env["res.partner"].browse(partner_ids).exists()
        # Odoo moved the merged partners' consents by SQL and copied their
        # stored values: the survivor's consent is its latest row per channel
        # again, and a withdrawal among them reaches the blacklist.
        person.invalidate_recordset()
        person.modified(["client_consent_ids"])
        latest = person.sudo()._client_base_latest_consents()
        self.env["client.base.consent"].sudo().union(
            *latest.values()
        )._sync_blacklists()
        survivor = person.commercial_partner_id
        # the merged partners' documents moved by SQL: the survivor's
        # purchases by day are computed anew before its statuses; Odoo moved
        # their days too, but deleted the rows by client and period that the
        # survivor already had (a unique key): those are summed anew even
        # when no day changed
        Day = self.env["client.base.purchase.day"]
        Day._client_base_refresh_clients(survivor.ids)
        Day._client_base_refresh_summaries(
            lambda alias: SQL(
                "%s = ANY(%s)", SQL.identifier(alias, "partner_id"), survivor.ids
            )
        )
        Partner = self.env["res.partner"]
        for company in self.env["res.company"].sudo().search([]):
            Partner._client_base_refresh_status(
                company, cause="merge", partner_ids=survivor.ids
            )
        return res
