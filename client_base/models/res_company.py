import pytz

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from odoo.addons.base.models.res_partner import _tz_get

# what a purchase is (client.base.purchase): the company's choice
PURCHASE_BASES = [
    ("order", "Confirmed orders"),
    ("invoice", "Posted invoices net of refunds"),
]

# the longest period a setting or a rule may span: ten years of days
MAX_DAYS = 3660
STATUS_SETTINGS = (
    "client_base_new_days",
    "client_base_regular_orders",
    "client_base_regular_window_days",
    "client_base_dormant_min_days",
    "client_base_dormant_factor",
    "client_base_lost_days",
    "client_purchase_basis",
    "client_timezone",
)


CONTACT_SETTINGS = (
    "client_contact_count_activities",
    "client_contact_count_notes",
    "client_contact_count_emails",
    "client_contact_count_orders",
)


class ResCompany(models.Model):
    _name = "res.company"
    _inherit = ["res.company", "client.base.purchase.source"]  # noqa: RUF012

    client_purchase_basis = fields.Selection(
        PURCHASE_BASES,
        string="Purchases Counted From",
        default="order",
        required=True,
        help="What a purchase is for every figure of the suite (statuses, contact "
        "dates, analyses, base health): a confirmed sale order, or a posted "
        "invoice, refunds lowering the amount.",
    )
    client_timezone = fields.Selection(
        _tz_get,
        string="Time Zone of Purchases",
        help="The day and hour of a purchase are counted in this time zone "
        "(Odoo companies have none; without it, UTC).",
    )

    def _client_base_refresh_purchases(self, before=frozenset()):
        # a company's basis, time zone or partner changes who bought what and
        # when in it: its purchase days are rebuilt whole; its partner, no
        # client of any company, keeps none anywhere
        Day = self.env["client.base.purchase.day"]
        for company in self.sudo():
            Day._client_base_refresh(company=company)
        Day._client_base_refresh_clients(
            set(before) | self._client_base_purchase_clients()
        )

    def _client_base_purchase_clients_sql(self):
        # the company's partner (before and after a change of it)
        return SQL(
            "SELECT partner.commercial_partner_id FROM res_company company"
            " JOIN res_partner partner ON partner.id = company.partner_id"
            " WHERE company.id = ANY(%s)",
            list(self.ids),
        )

    def _client_base_today(self):
        """The company's today: the date in its purchases' time zone (UTC
        without one), the day its purchases and statuses are counted by."""
        self.ensure_one()
        now = pytz.utc.localize(fields.Datetime.now())
        return now.astimezone(pytz.timezone(self.client_timezone or "UTC")).date()

    client_base_new_days = fields.Integer(
        string="New Client Period (days)",
        default=90,
        help="A client whose first order is younger than this is new.",
    )
    client_base_regular_orders = fields.Integer(
        string="Regular Client Orders",
        default=4,
        help="A client with at least this many confirmed orders within the regular "
        "window is regular.",
    )
    client_base_regular_window_days = fields.Integer(
        string="Regular Window (days)",
        default=180,
    )
    client_base_dormant_min_days = fields.Integer(
        string="Dormant After (days)",
        default=60,
        help="Minimum silence before a client is dormant, whatever its rhythm.",
    )
    client_base_dormant_factor = fields.Float(
        string="Dormant Rhythm Factor",
        default=2.0,
        help="A client is dormant when its silence exceeds this many times its usual "
        "gap between order days (and the minimum days above).",
    )
    client_base_lost_days = fields.Integer(
        string="Lost After (days)",
        default=365,
        help="Silence after which a client is lost automatically; 0 never does.",
    )

    client_base_winback_plan_id = fields.Many2one(
        "mail.activity.plan",
        string="Win-back Plan for Dormant Clients",
        domain="[('res_model', '=', 'res.partner'), ('company_id', 'in', [id, False])]",
        help="Launched automatically for clients who turn dormant. Leave empty to "
        "launch win-back plans by hand only.",
    )
    client_base_winback_daily_cap = fields.Integer(
        string="Win-back Plans per Day",
        default=20,
        help="At most this many plans are launched automatically per day and company, "
        "so that a long list of newly dormant clients cannot bury the salespeople.",
    )

    # Contact standards (client.base.contact.rule): what counts as a contact.
    client_contact_count_activities = fields.Boolean(
        string="Done Activities Count as Contacts", default=True
    )
    client_contact_count_notes = fields.Boolean(
        string="Logged Notes and Calls Count as Contacts", default=True
    )
    client_contact_count_emails = fields.Boolean(
        string="Emails Count as Contacts",
        default=True,
        help="Messages sent to the client from its chatter and emails received "
        "from it.",
    )
    client_contact_count_orders = fields.Boolean(
        string="Confirmed Orders Count as Contacts", default=True
    )
    client_contact_daily_cap = fields.Integer(
        string="Contact Activities per Salesperson per Day",
        default=20,
        help="The daily job schedules at most this many contact (and as many "
        "verification) activities per salesperson and day, the most overdue "
        "clients first, so that a first run cannot bury anyone.",
    )

    # Questionnaires
    client_questionnaire_id = fields.Many2one(
        "survey.survey",
        domain="[('client_questionnaire', '=', True)]",
        help="The questionnaire sent to clients and filled in at the counter.",
    )
    client_questionnaire_at_first_order = fields.Boolean(
        string="Send the Questionnaire at the First Order",
        help="A client's first purchase (its first confirmed order, invoice or "
        "purchase at the till, as purchases are counted) sends the person who "
        "bought the questionnaire, once.",
    )

    # Feedback 1-5 after an order (sale.order ratings)
    client_feedback_enabled = fields.Boolean(
        string="Ask Clients to Rate Their Orders",
        help="Some days after an order is confirmed (delivered, with Odoo's "
        "stock), the client receives an email to rate it from 1 to 5.",
    )
    client_feedback_delay_days = fields.Integer(
        string="Feedback Request Delay (days)",
        default=3,
        help="Days after confirmation (after delivery with Odoo's stock) before "
        "the request is sent.",
    )

    @api.constrains("client_feedback_delay_days")
    def _check_client_feedback_delay(self):
        if any(not 0 <= company.client_feedback_delay_days <= 90 for company in self):
            raise ValidationError(
                self.env._("Ask for feedback between 0 and 90 days after the order.")
            )

    # Round dates (client.base.round.date)
    client_round_date_days_ahead = fields.Integer(
        string="Round Date Reminder (days ahead)",
        default=7,
        help="The salesperson gets an activity this many days before a client's "
        "round date (0: no activity), and sees it this many days ahead in the "
        "worklist.",
    )

    @api.constrains("client_round_date_days_ahead")
    def _check_client_round_date_days_ahead(self):
        if any(not 0 <= company.client_round_date_days_ahead <= 90 for company in self):
            raise ValidationError(
                self.env._("Remind of round dates between 0 and 90 days ahead.")
            )

    @api.constrains(
        "client_contact_count_activities",
        "client_contact_count_notes",
        "client_contact_count_emails",
        "client_contact_count_orders",
        "client_contact_daily_cap",
    )
    def _check_client_contact_settings(self):
        for company in self:
            if company.client_contact_daily_cap < 0:
                raise ValidationError(
                    self.env._(
                        "The daily cap of contact activities cannot be negative."
                    )
                )
            if not any(company[fname] for fname in CONTACT_SETTINGS):
                raise ValidationError(
                    self.env._(
                        "Choose at least one kind of event that counts as a contact "
                        "with a client (company %s).",
                        company.name,
                    )
                )

    def _client_contact_refresh_all(self):
        """Last and next contact dates of every client of these companies."""
        Partner = self.env["res.partner"].sudo()
        for company in self:
            Partner._client_contact_refresh(company)

    @api.constrains(*STATUS_SETTINGS, "client_base_winback_daily_cap")
    def _check_client_base_status_settings(self):
        for company in self:
            periods = (
                company.client_base_new_days,
                company.client_base_regular_window_days,
                company.client_base_dormant_min_days,
                company.client_base_lost_days or 1,
            )
            if (
                any(not 1 <= days <= MAX_DAYS for days in periods)
                or not 1 <= company.client_base_regular_orders <= 1000
                or not 0 < company.client_base_dormant_factor <= 100
                or not 0 <= company.client_base_winback_daily_cap <= 100000
            ):
                raise ValidationError(
                    self.env._(
                        "Client Base periods are from 1 to %(days)s days, a regular "
                        "client's orders from 1 to 1000, the dormant factor above 0 "
                        "and at most 100, the daily win-back plans from 0 to 100000 "
                        "(company %(company)s).",
                        days=MAX_DAYS,
                        company=company.name,
                    )
                )
            if company.client_base_regular_window_days < company.client_base_new_days:
                raise ValidationError(
                    self.env._(
                        "The regular window (%(window)s days) cannot be shorter "
                        "than the new client period (%(new)s days).",
                        window=company.client_base_regular_window_days,
                        new=company.client_base_new_days,
                    )
                )
            if company.client_base_lost_days < 0 or (
                company.client_base_lost_days
                and company.client_base_lost_days
                <= company.client_base_dormant_min_days
            ):
                raise ValidationError(
                    self.env._(
                        "Automatic loss must come after dormancy: set more days "
                        "than the dormant minimum (%s), or 0 to never lose clients "
                        "automatically.",
                        company.client_base_dormant_min_days,
                    )
                )

    def write(self, vals):
        res = super().write(vals)
        if any(name in vals for name in STATUS_SETTINGS):
            Partner = self.env["res.partner"].sudo()
            for company in self:
                Partner._client_base_refresh_status(company, cause="settings")
        elif any(name in vals for name in CONTACT_SETTINGS):
            self.env["client.base.contact.rule"]._trigger_contact_refresh()
        return res

    def _get_status_thresholds(self):
        """Thresholds of the lifecycle status rules, as SQL parameters.

        A hook: integrators can change how a company's thresholds are read.
        """
        self.ensure_one()
        return {
            "new_days": self.client_base_new_days,
            "regular_orders": self.client_base_regular_orders,
            "regular_window": self.client_base_regular_window_days,
            "dormant_min": self.client_base_dormant_min_days,
            "dormant_factor": self.client_base_dormant_factor,
            "lost_days": self.client_base_lost_days,
        }
