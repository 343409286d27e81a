from datetime import date, datetime, time, timedelta
from pathlib import Path

import polib

from odoo import models
from odoo.fields import Command
from odoo.tests import TransactionCase, new_test_user
from odoo.tests import common as odoo_test_common
from odoo.tools.misc import file_path

# Odoo skips a browser tour whose Chromium has not started within 10 s, which a
# loaded two-core machine misses now and then: the suite's tours (every test
# package of the suite imports this module) wait up to 30 s for it to start.
odoo_test_common.CHECK_BROWSER_ITERATIONS = max(
    odoo_test_common.CHECK_BROWSER_ITERATIONS, 300
)
odoo_test_common.BROWSER_WAIT = (
    odoo_test_common.CHECK_BROWSER_SLEEP * odoo_test_common.CHECK_BROWSER_ITERATIONS
)

TODAY = date(2026, 6, 15)
LANGUAGES = ("ru_RU", "ro_RO")


def shipped_translation(addon, lang, msgid):
    """The translation of ``msgid`` that ``addon`` ships for ``lang`` (ru_RU,
    ro_RO): what a user of that language is meant to read."""
    path = Path(file_path(f"{addon}/i18n/{lang.split('_')[0]}.po"))
    entry = polib.pofile(str(path)).find(msgid)
    assert entry and entry.msgstr, f"{addon} ships no {lang} translation of {msgid!r}"
    return entry.msgstr


def post_invoice(env, partner, when, amount, move_type="out_invoice", **line):
    """A posted customer invoice (or refund) of one untaxed line; ``line``:
    more of its values (a product, a quantity)."""
    move = env["account.move"].create(
        {
            "move_type": move_type,
            "partner_id": partner.id,
            "invoice_date": when,
            "invoice_line_ids": [
                Command.create(
                    {"name": "Goods", "price_unit": amount, "tax_ids": [], **line}
                )
            ],
        }
    )
    move.action_post()
    return move


def assert_pages_of_the_whole(case, model, domain, orders):
    """``case`` asserts that each page of ``model``'s rows matching
    ``domain`` under each of ``orders`` (total orders) is the slice of all
    of them so sorted, and that a count with a limit stops there: what a
    report reading its pages branch by branch must keep."""
    case.env.flush_all()
    model.invalidate_model()
    for order in orders:
        whole = model.search(domain, order=order).ids
        case.assertGreaterEqual(len(whole), 3, "rows on several pages")
        for offset, limit in ((0, 1), (0, 3), (1, 2), (2, 80), (len(whole), 5)):
            case.assertEqual(
                model.search(domain, order=order, offset=offset, limit=limit).ids,
                whole[offset : offset + limit],
                f"page {offset}+{limit} by {order}",
            )
    case.assertEqual(model.search_count(domain, limit=2), 2)


def assert_groups_of_the_whole(case, model, domain, groupby, aggregates, **options):
    """``case`` asserts that ``model``'s groups of the rows matching
    ``domain`` are Odoo's own (``BaseModel._read_group``, which groups every
    row): what a report grouping its branches one by one must keep."""
    case.env.flush_all()
    model.invalidate_model()
    whole = models.BaseModel._read_group(model, domain, groupby, aggregates, **options)
    case.assertTrue(whole, "groups to compare")
    case.assertEqual(
        model._read_group(domain, groupby, aggregates, **options),
        whole,
        f"groups by {groupby} of {aggregates} {options}",
    )


def load_languages(env, addons, languages=LANGUAGES):
    """Activate Russian and Romanian and load the addons' translations."""
    for lang in languages:
        env["res.lang"]._activate_lang(lang)
    env["ir.module.module"]._load_module_terms(list(addons), list(languages))


class ClientBaseCommon(TransactionCase):
    """Shared builders: users with the least rights each test needs, clients, orders."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.company = cls.env.company
        cls.cb_user = new_test_user(
            cls.env,
            login="cb_user",
            name="Client Base User",
            groups="client_base.group_client_base_user",
        )
        cls.cb_manager = new_test_user(
            cls.env,
            login="cb_manager",
            name="Client Base Manager",
            groups="client_base.group_client_base_manager",
        )
        cls.employee = new_test_user(
            cls.env,
            login="cb_employee",
            name="Plain Employee",
            groups="base.group_user",
        )
        cls.company.write(
            {
                "client_base_new_days": 90,
                "client_base_regular_orders": 3,
                "client_base_regular_window_days": 365,
                "client_base_dormant_min_days": 60,
                "client_base_dormant_factor": 2.0,
                "client_base_lost_days": 400,
            }
        )
        cls.product = cls.env["product.product"].create(
            {
                "name": "Test Flour Sack",
                "list_price": 100.0,
                "type": "consu",
                "taxes_id": [],
            }
        )

    @classmethod
    def _create_client(cls, name, **values):
        return cls.env["res.partner"].create(
            {"name": name, "is_company": True, "user_id": cls.cb_user.id, **values}
        )

    @classmethod
    def _create_order(cls, partner, amount=100.0, confirm=True, **values):
        order = cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "user_id": cls.cb_user.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": cls.product.id,
                            "product_uom_qty": 1,
                            "price_unit": amount,
                        }
                    )
                ],
                **values,
            }
        )
        if confirm:
            order.action_confirm()
        return order

    @classmethod
    def _order_on(cls, partner, days_ago, amount=100.0, company=None):
        """A confirmed order dated ``days_ago`` days before TODAY.

        History keeps its date: confirmation would reset it to now.
        """
        values = {"company_id": company.id} if company else {}
        order = cls._create_order(partner, amount=amount, **values)
        order.date_order = datetime.combine(
            TODAY - timedelta(days=days_ago), time(hour=10)
        )
        return order

    def _refresh(self, cause="silence", partners=None, company=None, today=TODAY):
        return self.env["res.partner"]._client_base_refresh_status(
            company or self.company,
            cause=cause,
            partner_ids=partners.ids if partners is not None else None,
            today=today,
        )
