from odoo import api, fields, models
from odoo.osv import expression
from odoo.tools.safe_eval import safe_eval


class ClientBaseAudience(models.Model):
    """A saved campaign audience: a domain on contacts (client status, class,
    tier, source, segment fields …) evaluated when a mailing is sent, so it
    follows the base without re-import. Odoo's mailing lists are static; its
    mailings on contacts take a domain, which is what an audience gives them."""

    _name = "client.base.audience"
    _description = "Campaign Audience"
    _order = "name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company)
    description = fields.Text()
    domain = fields.Char(
        string="Who",
        required=True,
        default="[]",
        help="Contacts in the audience, e.g. people of regular clients in a tier.",
    )
    mailing_ids = fields.One2many("mailing.mailing", "client_audience_id")
    mailing_count = fields.Integer(string="Campaigns", compute="_compute_counts")
    partner_count = fields.Integer(string="Contacts", compute="_compute_counts")
    email_consent_count = fields.Integer(
        string="Email Consent", compute="_compute_counts"
    )
    sms_consent_count = fields.Integer(string="SMS Consent", compute="_compute_counts")

    @api.depends("domain", "company_id")
    def _compute_counts(self):
        """Counted the way a mailing reaches them (``_partner_query``)."""
        Partner = self.env["res.partner"].sudo()
        for audience in self:
            people = [("id", "in", audience._partner_query())]
            audience.mailing_count = len(audience.sudo().mailing_ids)
            audience.partner_count = Partner.search_count(people)
            audience.email_consent_count = Partner.search_count(
                people + self._consent_domain("mail")
            )
            audience.sms_consent_count = Partner.search_count(
                people + self._consent_domain("sms")
            )

    def _get_domain(self):
        self.ensure_one()
        return safe_eval(self.domain or "[]")

    def _partner_query(self):
        """The audience's contacts now, as a query on res.partner: its domain
        evaluated in the audience's company (client status, class and contact
        dates are per company; the mailing queue runs in the default one),
        limited to contacts shared or of that company. Evaluated as superuser:
        the marketing user who sends may lack Client Base rights, the audience
        was written by a Client Base manager."""
        self.ensure_one()
        company = self.company_id or self.env.company
        domain = self._get_domain()
        if self.company_id:
            domain = expression.AND(
                [domain, [("company_id", "in", [company.id, False])]]
            )
        return (
            self.env["res.partner"]
            .sudo()
            .with_company(company)
            .with_context(active_test=True)
            ._search(domain)
        )

    @api.model
    def _consent_domain(self, mailing_type):
        """The people who granted marketing consent for the channel, as the
        latest row of their consent history says (client.base.consent)."""
        field = (
            "client_consent_sms" if mailing_type == "sms" else "client_consent_email"
        )
        granted = self.env["res.partner"].sudo()._search([(field, "=", "granted")])
        return [("id", "in", granted)]

    def _action_new_mailing(self, mailing_type):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "mailing.mailing",
            "view_mode": "form",
            "target": "current",
            "context": {
                "default_mailing_type": mailing_type,
                "default_client_audience_id": self.id,
                "default_mailing_model_id": self.env["ir.model"]._get_id("res.partner"),
                "default_subject": self.name,
            },
        }

    def action_new_email_mailing(self):
        return self._action_new_mailing("mail")

    def action_new_sms_mailing(self):
        return self._action_new_mailing("sms")

    def action_view_partners(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.name,
            "res_model": "res.partner",
            "view_mode": "list,form",
            "domain": self._get_domain(),
        }

    def action_view_mailings(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.name,
            "res_model": "mailing.mailing",
            "view_mode": "list,form",
            "domain": [("client_audience_id", "=", self.id)],
            "context": {"default_client_audience_id": self.id},
        }
