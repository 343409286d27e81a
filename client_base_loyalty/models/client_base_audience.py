import ast
import datetime
from types import SimpleNamespace

import pytz
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression
from odoo.tools import mute_logger
from odoo.tools.safe_eval import safe_eval

# What Odoo's domain editor writes (web/static/src/core/tree_editor): lists
# and tuples of values, and the dates "today" and "today + relativedelta(...)"
# as context_today() and datetime.datetime.combine(...).to_utc() expressions.
DOMAIN_NODES = (
    ast.Expression,
    ast.List,
    ast.Tuple,
    ast.Load,
    ast.Constant,
    ast.UnaryOp,
    ast.USub,
    ast.UAdd,
    ast.BinOp,
    ast.Add,
    ast.Sub,
    ast.Call,
    ast.keyword,
    ast.Name,
    ast.Attribute,
)
DOMAIN_NAMES = {"context_today", "relativedelta", "datetime"}
DOMAIN_ATTRIBUTES = {"datetime", "date", "time", "timedelta", "combine"}
DOMAIN_METHODS = {"strftime", "to_utc"}
DOMAIN_CONSTANTS = (str, int, float, bool, type(None))


def first_line(error):
    """What went wrong, without the SQL or the expression that follow."""
    return (str(error).strip().splitlines() or [type(error).__name__])[0]


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

    @api.constrains("domain", "company_id")
    def _check_domain(self):
        """A domain that cannot be evaluated would break the audience list
        for everyone: evaluated once, as a mailing would, at save."""
        Partner = self.env["res.partner"].sudo()
        for audience in self:
            audience._get_domain()
            try:
                # a value of the wrong type fails in the database: expected
                with mute_logger("odoo.sql_db"), self.env.cr.savepoint():
                    Partner.search_count(
                        [("id", "in", audience._partner_query())], limit=1
                    )
            except Exception as error:
                # unknown fields, operators, values of the wrong type: the
                # domain's error, whatever raised it
                raise ValidationError(
                    self.env._(
                        "The audience's filter cannot be applied to contacts: "
                        "%(error)s",
                        error=first_line(error),
                    )
                ) from error

    def _get_domain(self):
        self.ensure_one()
        return self._parse_domain(self.domain or "[]")

    @api.model
    def _parse_domain(self, text):
        """The domain ``text`` as the domain editor writes it, evaluated;
        anything else (other names, comprehensions, subscripts …) refused."""
        try:
            tree = ast.parse(text.strip(), mode="eval")
        except (SyntaxError, ValueError) as error:
            raise ValidationError(
                self.env._(
                    "The audience's filter cannot be read (%s): build it with the "
                    "filter editor.",
                    getattr(error, "msg", None) or error,
                )
            ) from error
        for node in ast.walk(tree):
            if not self._is_domain_node(node):
                raise ValidationError(
                    self.env._(
                        "The audience's filter may hold conditions, values, today's "
                        "date and date arithmetic as the filter editor writes them, "
                        "not “%s”.",
                        ast.unparse(node)[:100],
                    )
                )
        try:
            domain = safe_eval(text.strip(), self._domain_eval_context())
        except Exception as error:
            # dates out of range and the like: the domain's error
            raise ValidationError(
                self.env._(
                    "The audience's filter cannot be evaluated: %s", first_line(error)
                )
            ) from error
        if not isinstance(domain, list | tuple) or not all(
            isinstance(term, str) or (isinstance(term, list | tuple) and len(term) == 3)
            for term in domain
        ):
            raise ValidationError(
                self.env._(
                    "The audience's filter must be a list of conditions, such as "
                    "[('is_company', '=', True)]."
                )
            )
        return list(domain)

    @api.model
    def _is_domain_node(self, node):
        if not isinstance(node, DOMAIN_NODES):
            return False
        if isinstance(node, ast.Constant):
            return isinstance(node.value, DOMAIN_CONSTANTS)
        if isinstance(node, ast.Name):
            return node.id in DOMAIN_NAMES
        if isinstance(node, ast.Attribute):
            return node.attr in DOMAIN_ATTRIBUTES | DOMAIN_METHODS
        if isinstance(node, ast.keyword):
            return node.arg is not None
        if isinstance(node, ast.UnaryOp):
            return isinstance(node.op, ast.USub | ast.UAdd)
        if isinstance(node, ast.BinOp):
            return isinstance(node.op, ast.Add | ast.Sub)
        return True

    @api.model
    def _domain_eval_context(self):
        """context_today(), relativedelta and datetime as the domain editor's
        expressions use them, with the ``to_utc()`` of Odoo's JavaScript
        datetimes: from the user's time zone to UTC."""
        tz = pytz.timezone(self.env.context.get("tz") or self.env.user.tz or "UTC")

        class LocalDatetime(datetime.datetime):
            def to_utc(self):
                return tz.localize(self).astimezone(pytz.utc).replace(tzinfo=None)

        return {
            "context_today": lambda: fields.Date.context_today(self),
            "relativedelta": relativedelta,
            "datetime": SimpleNamespace(
                datetime=LocalDatetime,
                date=datetime.date,
                time=datetime.time,
                timedelta=datetime.timedelta,
            ),
        }

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
