from odoo.exceptions import ValidationError
from odoo.tests import new_test_user, tagged

from .common import LoyaltyCommon

INF = float("inf")
NAN = float("nan")

# what Odoo 18's domain editor writes (web/static/src/core/tree_editor)
TODAY = 'context_today().strftime("%Y-%m-%d")'
MONTH_AGO = "(context_today() + relativedelta(months=-1)).strftime('%Y-%m-%d')"
MIDNIGHT = (
    "datetime.datetime.combine(context_today(), datetime.time(0, 0, 0))"
    '.to_utc().strftime("%Y-%m-%d %H:%M:%S")'
)
WEEK_AGO_MIDNIGHT = (
    "datetime.datetime.combine(context_today() + relativedelta(days=-7), "
    'datetime.time(0, 0, 0)).to_utc().strftime("%Y-%m-%d %H:%M:%S")'
)
EDITOR_DOMAINS = (
    "[]",
    "['|', ('is_company', '=', True), ('parent_id', '=', False)]",
    "[('id', 'in', [1, 2]), ('name', 'not ilike', 'x'), ('email', '!=', None)]",
    f"[('client_birthday', '<=', {TODAY})]",
    f"[('client_birthday', '>=', {MONTH_AGO})]",
    f"[('create_date', '>=', {WEEK_AGO_MIDNIGHT}), ('create_date', '<', {MIDNIGHT})]",
    "[('commercial_partner_id.client_status', 'in', ['new']), ('color', '>', -1)]",
)

BAD_DOMAINS = (
    "[('nonexistent_field', '=', 1)]",
    "[('commercial_partner_id.nonexistent_field', '=', 1)]",
    "[('name', 'no such operator', 1)]",
    "[('id', '=', 'not a number')]",
    "__import__('os').system('true')",
    "[('id', 'in', [p for p in range(3)])]",
    "[('id', 'in', env['res.partner'].search([]).ids)]",
    "[('name', '=', uid)]",
    "[('name', '=', 'a' * 1000)]",
    "[('name', '=', context_today().__class__)]",
    "[('name', '=', (lambda: 1)())]",
    "[('name', '=', {'a': 1})]",
    "[('client_birthday', '>=', context_today() + relativedelta(days=10**20))]",
    "[('client_birthday', '>=', context_today() + relativedelta(days=10000000000))]",
    "{'is_company': True}",
    "'is_company'",
    "[('is_company', '=', True)",
    "[('is_company', '=', True), 1]",
)


@tagged("post_install", "-at_install")
class TestLoyaltyBounds(LoyaltyCommon):
    """Absurd audiences, tiers and offers are refused with a clear message
    and nothing is written."""

    def test_audience_domain_as_the_domain_editor_writes_it(self):
        Audience = self.env["client.base.audience"].with_user(self.cb_manager)
        for domain in BAD_DOMAINS:
            with (
                self.subTest(domain=domain),
                self.assertRaises(ValidationError),
                self.cr.savepoint(),
            ):
                Audience.create({"name": "Absurd audience", "domain": domain})
        self.assertFalse(Audience.search([("name", "=", "Absurd audience")]))
        for domain in EDITOR_DOMAINS:
            with self.subTest(domain=domain):
                audience = Audience.create({"name": "Editor", "domain": domain})
                self.assertGreaterEqual(audience.partner_count, 0)
        audience = Audience.create(
            {"name": "Companies", "domain": "[('is_company', '=', True)]"}
        )
        for domain in BAD_DOMAINS[:3]:
            with (
                self.subTest(write=domain),
                self.assertRaises(ValidationError),
                self.cr.savepoint(),
            ):
                audience.write({"domain": domain})
        audience.invalidate_recordset()
        self.assertEqual(audience.domain, "[('is_company', '=', True)]")
        # the list of audiences still reads for everyone
        self.assertTrue(
            Audience.with_user(self.cb_user).search_read([], ["name", "partner_count"])
        )

    def test_tier_spend_below_a_trillion(self):
        # a tier's discount is a reward of the program: sales managers' rights too
        tier_manager = new_test_user(
            self.env,
            login="cbl_bounds_tier_manager",
            groups="client_base.group_client_base_manager,"
            "sales_team.group_sale_manager",
        )
        Tier = self.env["client.base.loyalty.tier"].with_user(tier_manager)
        base = {
            "name": "Absurd tier",
            "program_id": self.card_program.id,
            "discount": 5,
        }
        for spend in (10**12, 1e300, INF, NAN, -INF):
            with (
                self.subTest(spend=spend),
                self.assertRaises(ValidationError),
                self.cr.savepoint(),
            ):
                Tier.create({**base, "minimum_spend": spend})
        self.assertFalse(Tier.search([("name", "=", "Absurd tier")]))
        tier = Tier.create({**base, "minimum_spend": 999_999_999_999})
        for spend in (10**12, INF, NAN):
            with (
                self.subTest(write=spend),
                self.assertRaises(ValidationError),
                self.cr.savepoint(),
            ):
                tier.write({"minimum_spend": spend})
        tier.invalidate_recordset()
        self.assertEqual(tier.minimum_spend, 999_999_999_999)

    def test_offer_days_bounded(self):
        Offer = self.env["client.base.loyalty.offer"].with_user(self.cb_manager)
        base = {
            "name": "Absurd offer",
            "occasion": "birthday",
            "program_id": self.coupon_program.id,
        }
        cases = (
            ("days_before", -1),
            ("days_before", 365),
            ("days_before", 2**31),
            ("validity_days", 0),
            ("validity_days", 3661),
            ("validity_days", 2**31),
            ("validity_days", -(2**31) - 1),
        )
        for field, days in cases:
            with (
                self.subTest(field=field, days=days),
                self.assertRaises(ValidationError),
                self.cr.savepoint(),
            ):
                Offer.create({**base, field: days})
        self.assertFalse(Offer.search([("name", "=", "Absurd offer")]))
        offer = Offer.create({**base, "days_before": 364, "validity_days": 3660})
        for field, days in cases:
            with (
                self.subTest(write=field, days=days),
                self.assertRaises(ValidationError),
                self.cr.savepoint(),
            ):
                offer.write({field: days})
        offer.invalidate_recordset()
        self.assertEqual((offer.days_before, offer.validity_days), (364, 3660))

    def test_names_at_most_256_characters(self):
        tier_manager = new_test_user(
            self.env,
            login="cbl_bounds_name_manager",
            groups="client_base.group_client_base_manager,"
            "sales_team.group_sale_manager",
        )
        cases = {
            "client.base.audience": (
                self.cb_manager,
                {"domain": "[('is_company', '=', True)]"},
            ),
            "client.base.loyalty.offer": (
                self.cb_manager,
                {"occasion": "birthday", "program_id": self.coupon_program.id},
            ),
            "client.base.loyalty.tier": (
                tier_manager,
                {"program_id": self.card_program.id, "discount": 5,
                 "minimum_spend": 1000},
            ),
        }  # fmt: skip
        for model, (user, values) in cases.items():
            Model = self.env[model].with_user(user)
            with self.subTest(model=model):
                with (
                    self.assertRaisesRegex(ValidationError, "256"),
                    self.cr.savepoint(),
                ):
                    Model.create({**values, "name": "n" * 257})
                record = Model.create({**values, "name": "n" * 256})
                with (
                    self.assertRaisesRegex(ValidationError, "256"),
                    self.cr.savepoint(),
                ):
                    record.write({"name": "m" * 1_000_000})
                record.invalidate_recordset()
                self.assertEqual(record.name, "n" * 256)
