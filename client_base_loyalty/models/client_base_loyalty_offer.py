from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.client_base.models.res_company import MAX_DAYS


class ClientBaseLoyaltyOffer(models.Model):
    """A dated coupon for an occasion: a person's birthday or a client's
    cooperation anniversary (a year since its first order). N days ahead, one
    coupon of a coupon program per person and occasion, sent by email and by
    SMS only through the channels the person consented to."""

    _name = "client.base.loyalty.offer"
    _description = "Occasion Offer"
    _order = "company_id, occasion, name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    occasion = fields.Selection(
        [
            ("birthday", "Birthday of a person"),
            ("anniversary", "Cooperation anniversary of a client"),
        ],
        required=True,
        default="birthday",
    )
    program_id = fields.Many2one(
        "loyalty.program",
        string="Coupon Program",
        required=True,
        check_company=True,
        domain="[('program_type', '=', 'coupons')]",
    )
    days_before = fields.Integer(
        string="Days Ahead",
        default=7,
        required=True,
        help="The coupon is sent this many days before the occasion (or on a "
        "later run up to the day itself).",
    )
    validity_days = fields.Integer(
        string="Valid For (Days)",
        default=30,
        required=True,
        help="Days after the occasion the coupon can still be used.",
    )
    mail_template_id = fields.Many2one(
        "mail.template",
        string="Email",
        domain="[('model', '=', 'loyalty.card')]",
        default=lambda self: self.env.ref(
            "client_base_loyalty.mail_template_occasion_offer",
            raise_if_not_found=False,
        ),
    )
    sms_template_id = fields.Many2one(
        "sms.template",
        string="SMS Short Version",
        domain="[('model', '=', 'loyalty.card')]",
        default=lambda self: self.env.ref(
            "client_base_loyalty.sms_template_occasion_offer",
            raise_if_not_found=False,
        ),
    )
    log_ids = fields.One2many("client.base.loyalty.offer.log", "offer_id")
    sent_count = fields.Integer(string="Sent", compute="_compute_sent_count")
    last_run_date = fields.Datetime(readonly=True)
    last_sent_count = fields.Integer(string="Sent at Last Run", readonly=True)
    last_skipped_consent_count = fields.Integer(
        string="Skipped for Consent at Last Run",
        readonly=True,
        help="People due for the offer who consented to neither email nor SMS "
        "(or have no address for the channel they consented to).",
    )
    last_skipped_no_date_count = fields.Integer(
        string="Without a Date",
        readonly=True,
        help="People of clients with no "
        "birthday (or clients without a first order) at the last run.",
    )

    def _compute_sent_count(self):
        counts = dict(
            self.env["client.base.loyalty.offer.log"]._read_group(
                [("offer_id", "in", self.ids)], ["offer_id"], ["__count"]
            )
        )
        for offer in self:
            offer.sent_count = counts.get(offer, 0)

    @api.constrains("days_before", "validity_days")
    def _check_days(self):
        self._check_days_values(
            [
                {"days_before": offer.days_before, "validity_days": offer.validity_days}
                for offer in self
            ]
        )

    def _check_days_values(self, vals_list):
        # also before create: a number beyond the database's integers would
        # otherwise fail there, before any constraint
        for vals in vals_list:
            # 365 days ahead would reach next year's occasion while this
            # year's is due today: two coupons on one run.
            if not 0 <= (vals.get("days_before") or 0) <= 364:
                raise ValidationError(
                    self.env._("An offer is sent between 0 and 364 days ahead.")
                )
            if not 1 <= (vals.get("validity_days", 1) or 0) <= MAX_DAYS:
                raise ValidationError(
                    self.env._(
                        "A coupon is valid from 1 to %s days (ten years).", MAX_DAYS
                    )
                )

    @api.constrains("program_id")
    def _check_program(self):
        for offer in self:
            if offer.program_id.program_type != "coupons":
                raise ValidationError(
                    self.env._(
                        "%(program)s is not a coupon program: occasion offers give "
                        "a dated coupon (a program of type Coupons).",
                        program=offer.program_id.name,
                    )
                )

    @api.constrains("mail_template_id", "sms_template_id")
    def _check_templates(self):
        for offer in self:
            for template in (offer.mail_template_id, offer.sms_template_id):
                if template and template.model != "loyalty.card":
                    raise ValidationError(
                        self.env._(
                            "The templates of an offer are written for the "
                            "coupon (Loyalty Card): %(template)s is not.",
                            template=template.name,
                        )
                    )

    @api.model_create_multi
    def create(self, vals_list):
        self._client_base_check_values(vals_list)
        self._check_days_values(vals_list)
        return super().create(vals_list)

    def action_view_logs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "client_base_loyalty.client_base_loyalty_offer_log_action"
        )
        action["domain"] = [("offer_id", "=", self.id)]
        return action
