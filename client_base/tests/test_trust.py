import json

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import ClientBaseCommon


class TrustCommon(ClientBaseCommon):
    """Two salespeople, a user who sees every client (Sales: All Documents), a
    client of each salesperson and one without a salesperson."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.colleague = new_test_user(
            cls.env,
            login="cb_colleague",
            name="Colleague Salesperson",
            groups="client_base.group_client_base_user",
        )
        cls.all_documents = new_test_user(
            cls.env,
            login="cb_all_documents",
            name="All Documents User",
            groups="client_base.group_client_base_user,"
            "sales_team.group_sale_salesman_all_leads",
        )
        cls.mine = cls._create_client("Trust Mine SRL")
        cls.theirs = cls._create_client("Trust Theirs SRL", user_id=cls.colleague.id)
        cls.nobodys = cls._create_client("Trust Nobody's SRL", user_id=False)
        Partner = cls.env["res.partner"]
        cls.their_person = Partner.create(
            {
                "name": "Their Person",
                "parent_id": cls.theirs.id,
                "email": "their.person@example.com",
            }
        )
        cls.my_person = Partner.create(
            {
                "name": "My Person",
                "parent_id": cls.mine.id,
                "email": "my.person@example.com",
            }
        )

    def _consent(self, person, state="granted", user=None, **values):
        return (
            self.env["client.base.consent"]
            .with_user(user or self.cb_user)
            .create(
                {
                    "partner_id": person.id,
                    "channel": "email",
                    "state": state,
                    "method": "verbal",
                    **values,
                }
            )
        )


@tagged("post_install", "-at_install")
class TestConsentIsEvidence(TrustCommon):
    def test_salesperson_cannot_lift_a_blacklisted_persons_opt_out(self):
        self.env["mail.blacklist"]._add("my.person@example.com")
        with self.assertRaises(AccessError) as caught:
            self._consent(self.my_person)
        self.assertIn("Only a Client Base manager", str(caught.exception))
        self.my_person.invalidate_recordset()
        self.assertTrue(self.my_person.is_blacklisted, "the opt-out stands")
        self.assertEqual(
            self.my_person.client_consent_ids.mapped("state"),
            ["withdrawn"],
            "the blocklist's own withdrawal row, no grant",
        )

    def test_salesperson_cannot_lift_a_withdrawal(self):
        self._consent(self.my_person, "withdrawn")
        with self.assertRaises(AccessError):
            self._consent(self.my_person, method="form")
        self.assertEqual(self.my_person.client_consent_email, "withdrawn")

    def test_manager_lifts_an_opt_out_with_a_proof_only(self):
        self._consent(self.my_person, "withdrawn")
        with self.assertRaises(ValidationError) as caught:
            self._consent(self.my_person, user=self.cb_manager, method="form")
        self.assertIn("proof", str(caught.exception))
        consent = self._consent(
            self.my_person,
            user=self.cb_manager,
            method="form",
            note="Signed form of 2 June, scanned",
        )
        self.assertEqual(consent.user_id, self.cb_manager)
        self.assertEqual(self.my_person.client_consent_email, "granted")
        self.assertFalse(self.my_person.is_blacklisted)

    def test_no_consent_for_a_colleagues_client(self):
        with self.assertRaises(AccessError):
            self._consent(self.their_person)
        self.assertFalse(self.their_person.client_consent_ids)
        self._consent(self.their_person, user=self.all_documents)
        self.assertEqual(self.their_person.client_consent_email, "granted")

    def test_author_is_who_records_and_rows_never_change(self):
        consent = self._consent(self.my_person, user_id=self.colleague.id)
        self.assertEqual(consent.user_id, self.cb_user, "not the forged author")
        for user in (self.cb_user, self.cb_manager):
            with self.assertRaises(UserError):
                consent.with_user(user).write({"state": "withdrawn"})
            with self.assertRaises(UserError):
                consent.with_user(user).unlink()
        with self.assertRaises(UserError) as caught:
            consent.sudo().write({"note": "rewritten"})
        self.assertIn("evidence", str(caught.exception))
        with self.assertRaises(UserError) as caught:
            consent.sudo().unlink()
        self.assertIn("evidence", str(caught.exception))
        self.assertEqual(consent.state, "granted")


@tagged("post_install", "-at_install")
class TestColleaguesClients(TrustCommon):
    """What concerns a colleague's client is theirs: hidden from a salesperson,
    shown for clients without a salesperson and to All Documents."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for client in (cls.mine, cls.theirs, cls.nobodys):
            cls._order_on(client, days_ago=20, amount=900.0)
        cls.env["res.partner"]._client_base_refresh_status(cls.company, cause="order")
        cls.env["client.base.consent"].create(
            [
                {"partner_id": person.id, "channel": "email", "state": "granted"}
                for person in (cls.my_person, cls.their_person)
            ]
        )

    def _seen(self, model, field, user):
        records = self.env[model].with_user(user).search([])
        return set(records.mapped(field)) & {self.mine, self.theirs, self.nobodys}

    def test_each_model_follows_the_principle(self):
        cases = {
            "client.base.status.history": "partner_id",
            "client.base.product.preference": "partner_id",
            "client.base.consent": "partner_id.commercial_partner_id",
        }
        for model, field in cases.items():
            with self.subTest(model=model):
                expected_mine = (
                    {self.mine}
                    if model == "client.base.consent"
                    else {self.mine, self.nobodys}
                )
                self.assertEqual(self._seen(model, field, self.cb_user), expected_mine)
                self.assertIn(self.theirs, self._seen(model, field, self.all_documents))
                self.assertIn(self.theirs, self._seen(model, field, self.cb_manager))

    def test_history_of_another_company_stays_out_of_the_form(self):
        """A client of the salesperson's with a status change in a company
        they do not work in: its form opens, with their company's history."""
        branch = self.env["res.company"].create({"name": "Trust Branch"})
        History = self.env["client.base.status.history"]
        elsewhere = History.create(
            {
                "partner_id": self.mine.id,
                "company_id": branch.id,
                "status_from": "potential",
                "status_to": "new",
                "cause": "order",
            }
        )
        ours = History.search(
            [("partner_id", "=", self.mine.id), ("company_id", "=", self.company.id)]
        )
        self.assertTrue(ours)
        self.env.invalidate_all()
        shown = self.mine.with_user(self.cb_user).web_read(
            {
                "client_status_history_ids": {"fields": {"status_to": {}}},
                "client_status": {},
            }
        )[0]
        ids = {row["id"] for row in shown["client_status_history_ids"]}
        self.assertEqual(ids, set(ours.ids))
        self.assertNotIn(elsewhere.id, ids)
        self.env.invalidate_all()
        self.assertIn(elsewhere, self.mine.client_status_history_ids, "Kept")

    def test_feedback_average_of_a_colleagues_client_is_hidden(self):
        order = self.theirs.sale_order_ids[:1]
        order._rating_get_access_token()
        order.rating_apply(2, token=order.rating_ids.access_token)
        self.assertEqual(self.theirs.client_feedback_average, 2.0)
        self.assertEqual(
            self.theirs.with_user(self.all_documents).client_feedback_average, 2.0
        )
        theirs = self.theirs.with_user(self.cb_user)
        self.assertEqual(theirs.client_feedback_average, 0.0)
        self.assertFalse(theirs.client_feedback_rating_ids)

    def test_threshold_notes_are_for_managers(self):
        rule = self.env["client.base.order.threshold"].create(
            {"amount_first": 50, "note": "Small shops cost us money"}
        )
        self.assertEqual(
            rule.with_user(self.cb_manager).note, "Small shops cost us money"
        )
        with self.assertRaises(AccessError):
            rule.with_user(self.cb_user).read(["note"])


@tagged("post_install", "-at_install")
class TestQuestionnaireAccess(TrustCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.client_questionnaire_id = cls.env.ref(
            "client_base.survey_client_questionnaire"
        )

    def test_only_who_may_change_the_client_fills_its_questionnaire(self):
        with self.assertRaises(AccessError):
            self.theirs.with_user(self.cb_user).action_fill_client_questionnaire()
        with self.assertRaises(AccessError):
            self.mine.with_user(self.employee).action_fill_client_questionnaire()
        with self.assertRaises(AccessError):
            self.theirs.with_user(self.cb_user).action_send_client_questionnaire()
        action = self.mine.with_user(self.cb_user).action_fill_client_questionnaire()
        self.assertIn("/survey/start/", action["url"])
        action = self.theirs.with_user(
            self.all_documents
        ).action_fill_client_questionnaire()
        self.assertIn("/survey/start/", action["url"])


@tagged("post_install", "-at_install")
class TestCataloguesInUse(ClientBaseCommon):
    def test_a_source_in_use_is_archived_not_deleted(self):
        source = self.env["client.base.source"].create({"name": "Fair 2026"})
        client = self._create_client("Fair Client", client_source_id=source.id)
        with self.assertRaises(UserError) as caught:
            source.with_user(self.cb_manager).unlink()
        self.assertIn("archive", str(caught.exception))
        self.assertEqual(client.client_source_id, source)
        source.action_archive()
        self.env["client.base.source"].create({"name": "Unused"}).unlink()

    def test_a_churn_reason_given_is_kept_and_system_flag_is_the_suites(self):
        reason = self.env["client.base.churn.reason"].create({"name": "Moved away"})
        client = self._create_client("Gone Client")
        self._order_on(client, days_ago=30)
        self.env["client.base.mark.lost"].with_user(self.cb_user).create(
            {
                "partner_ids": [(6, 0, client.ids)],
                "churn_reason_id": reason.id,
                "note": "Closed the shop",
            }
        ).action_mark_lost()
        with self.assertRaises(UserError) as caught:
            reason.with_user(self.cb_manager).unlink()
        self.assertIn("archive", str(caught.exception))
        Reason = self.env["client.base.churn.reason"].with_user(self.cb_manager)
        with self.assertRaises(UserError):
            reason.with_user(self.cb_manager).write({"is_system": True})
        with self.assertRaises(UserError):
            Reason.create({"name": "Fake system", "is_system": True})
        self.assertFalse(reason.is_system)


@tagged("post_install", "-at_install")
class TestTrustOverRpc(HttpCase):
    """The findings as they were made: JSON-RPC calls of a salesperson."""

    def _refusal(self, model, method, args):
        """The error a JSON-RPC call answers with: (exception name, message)."""
        response = self.url_open(
            "/web/dataset/call_kw",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "params": {
                        "model": model,
                        "method": method,
                        "args": args,
                        "kwargs": {},
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        error = response.json().get("error")
        self.assertTrue(error, f"{model}.{method} was accepted")
        return error["data"]["name"], error["data"]["message"]

    def test_opt_out_and_colleagues_questionnaire_refused(self):
        new_test_user(
            self.env, login="cb_rpc_user", groups="client_base.group_client_base_user"
        )
        colleague = new_test_user(
            self.env,
            login="cb_rpc_colleague",
            groups="client_base.group_client_base_user",
        )
        self.env.company.client_questionnaire_id = self.env.ref(
            "client_base.survey_client_questionnaire"
        )
        person = self.env["res.partner"].create(
            {"name": "Opted Out", "email": "opted.out@example.com"}
        )
        self.env["mail.blacklist"]._add("opted.out@example.com")
        theirs = self.env["res.partner"].create(
            {"name": "Their RPC Client", "is_company": True, "user_id": colleague.id}
        )
        self.authenticate("cb_rpc_user", "cb_rpc_user")
        name, message = self._refusal(
            "client.base.consent",
            "create",
            [{"partner_id": person.id, "channel": "email", "state": "granted",
              "method": "verbal"}],
        )  # fmt: skip
        self.assertEqual(name, "odoo.exceptions.AccessError")
        self.assertIn("Only a Client Base manager", message)
        self.assertTrue(person.is_blacklisted)
        name, message = self._refusal(
            "res.partner", "action_fill_client_questionnaire", [theirs.ids]
        )
        self.assertEqual(name, "odoo.exceptions.AccessError")
        self.assertIn("salesperson", message)
        self.assertFalse(
            self.env["survey.user_input"].search([("partner_id", "=", theirs.id)])
        )

    def test_ill_typed_values_over_rpc_are_validation_errors(self):
        salesperson = new_test_user(
            self.env, login="cb_rpc_typed", groups="client_base.group_client_base_user"
        )
        client = self.env["res.partner"].create(
            {"name": "Typed RPC SRL", "is_company": True, "user_id": salesperson.id}
        )
        self.authenticate("cb_rpc_typed", "cb_rpc_typed")
        for values in (
            {"client_birthday": "2000-02-30"},
            {"client_business_size": "enormous"},
        ):
            with self.subTest(values=values):
                name, message = self._refusal(
                    "res.partner", "write", [client.ids, values]
                )
                self.assertEqual(name, "odoo.exceptions.ValidationError")
                self.assertIn(str(next(iter(values.values()))), message)


@tagged("post_install", "-at_install")
class TestBounds(ClientBaseCommon):
    """Absurd values are refused with a clear message and nothing written."""

    def test_days_and_counts_within_ten_years(self):
        Rule = self.env["client.base.contact.rule"]
        for days in (0, 100_000_000, 2**31):
            with self.subTest(days=days), self.assertRaises(ValidationError):
                Rule.create({"kind": "contact", "interval_days": days})
        self.assertTrue(Rule.create({"kind": "contact", "interval_days": 3660}))
        for field, value in (
            ("client_base_lost_days", 100_000_000),
            ("client_base_new_days", 2**31),
            ("client_base_regular_orders", 10**6),
            ("client_base_dormant_factor", 10**9),
        ):
            with self.subTest(field=field), self.assertRaises(ValidationError):
                self.company.write({field: value})
        self.assertEqual(self.company.client_base_lost_days, 400)

    def test_birthdays_and_foundations_in_the_past(self):
        client = self._create_client("Dated SRL")
        for value in ("9999-01-01", "1800-05-01"):
            with self.subTest(value=value), self.assertRaises(ValidationError):
                client.client_birthday = value
        with self.assertRaises(ValidationError):
            client.client_foundation_date = "2999-01-01"
        client.client_birthday = "1980-02-29"
        self.assertEqual(str(client.client_birthday), "1980-02-29")

    def test_ill_typed_values_are_refused_with_what_is_expected(self):
        client = self._create_client("Typed SRL")
        Rule = self.env["client.base.contact.rule"]
        whole = "whole number"
        cases = [
            (Rule, "create", {"kind": "contact", "interval_days": "abc"}, whole),
            (Rule, "create", {"kind": "contact", "interval_days": 2.5}, whole),
            (Rule, "create", {"kind": "contact", "interval_days": 2**31}, whole),
            (Rule, "create", {"kind": "sometimes", "interval_days": 30}, "one of"),
            (client, "write", {"client_birthday": "2000-02-30"}, "date that exists"),
            (client, "write", {"client_birthday": 20000230}, "date that exists"),
            (client, "write", {"client_source_id": "abc"}, "a record"),
            (self.company, "write", {"client_base_dormant_factor": "nan"}, "a number"),
            (client, "write", {"client_business_size": ["small"]}, "one of"),
            (client, "write", {"client_source_id": 2**40}, "a record"),
            (client, "write", {"client_referred_by_id": [1]}, "a record"),
            (client, "write", {"client_referred_by_id": {"name": "X"}}, "a record"),
            (client, "write", {"client_plans": "a\x00b"}, "control characters"),
            (client, "write", {"client_plans": {"a": 1}}, "control characters"),
            (client, "write", {"client_consent_ids": "abc"}, "a record"),
            (client, "write", {"client_consent_ids": [(4, "abc")]}, "a record"),
            (client, "write", {"client_is_decision_maker": "abc"}, "yes or no"),
            (client, "write", {"client_source_id": ("1",)}, "a record"),
            (client, "write", {"client_source_id": 999_999_999}, "a record"),
            (client, "write", {"client_consent_ids": [(4,)]}, "a record"),
            (client, "write", {"client_consent_ids": [(0, 0, "abc")]}, "a record"),
            (client, "write", {"client_consent_ids": [(0, 0, {"no": 1})]}, "a record"),
            (client, "write", {"client_plans": "\ud800"}, "control characters"),
            (self.company, "write", {"client_timezone": "Mars/Olympus"}, "one of"),
        ]  # fmt: skip
        for target, method, values, expected in cases:
            with (
                self.subTest(values=values),
                self.assertRaisesRegex(ValidationError, expected),
            ):
                getattr(target, method)(values)
        self.assertFalse(client.client_birthday)
        self.assertFalse(Rule.search([("kind", "=", "contact")]))

    def test_catalogue_names_bounded_and_unique_whatever_the_case(self):
        for model in ("client.base.churn.reason", "client.base.source"):
            with self.subTest(model=model):
                Catalogue = self.env[model].with_user(self.cb_manager)
                Catalogue.create({"name": "Price Too High"})
                with self.assertRaises(ValidationError):
                    Catalogue.create({"name": "price too high"})
                with self.assertRaises(ValidationError):
                    Catalogue.create({"name": "x" * 1_000_000})
                other = self.env["res.company"].create({"name": f"Other {model}"})
                # another company's own entry does not clash with this one's
                self.assertTrue(
                    self.env[model].create(
                        {"name": "Only There", "company_id": other.id}
                    )
                )
                self.assertTrue(
                    Catalogue.create(
                        {"name": "Only There", "company_id": self.company.id}
                    )
                )


@tagged("post_install", "-at_install")
class TestMergeKeepsConsent(TrustCommon):
    def test_the_latest_row_counts_after_a_merge(self):
        """The survivor granted once; the duplicate withdrew later: after the
        merge the person is withdrawn, on the blacklist too."""
        Consent = self.env["client.base.consent"]
        Consent.create(
            {
                "partner_id": self.my_person.id,
                "channel": "email",
                "state": "granted",
                "date": "2026-01-10 10:00:00",
            }
        )
        duplicate = self.env["res.partner"].create(
            {"name": "My Person (copy)", "email": "my.person@example.com"}
        )
        Consent.create(
            {
                "partner_id": duplicate.id,
                "channel": "email",
                "state": "withdrawn",
                "date": "2026-03-01 10:00:00",
            }
        )
        # a blocklist out of step with the rows, as the merge will find it
        self.env["mail.blacklist"].with_context(client_base_consent_sync=True)._remove(
            "my.person@example.com"
        )
        self.assertEqual(self.my_person.client_consent_email, "granted")
        wizard = self.env["base.partner.merge.automatic.wizard"].create({})
        wizard._merge((self.my_person | duplicate).ids, self.my_person)
        self.assertFalse(duplicate.exists())
        self.assertEqual(len(self.my_person.client_consent_ids), 2)
        self.assertEqual(self.my_person.client_consent_email, "withdrawn")
        self.my_person.invalidate_recordset()
        self.assertTrue(self.my_person.is_blacklisted)
        audience = self.env["res.partner"].search(
            [("client_consent_email", "=", "granted"), ("id", "=", self.my_person.id)]
        )
        self.assertFalse(audience, "a search by the stored consent agrees")


@tagged("post_install", "-at_install")
class TestDeletedPerson(TrustCommon):
    def test_consent_evidence_outlives_the_partner(self):
        person = self.env["res.partner"].create(
            {"name": "Leaving Person", "email": "Leaving.Person@Example.com"}
        )
        consent = self._consent(person, "withdrawn", user=self.cb_manager)
        self.assertEqual(consent.address, "leaving.person@example.com")
        person.unlink()
        self.assertTrue(consent.exists())
        self.assertFalse(consent.partner_id)
        self.assertEqual(consent.address, "leaving.person@example.com")
        self.assertEqual(consent.state, "withdrawn")
        Consent = self.env["client.base.consent"]
        self.assertFalse(
            Consent.with_user(self.cb_user).search([("id", "=", consent.id)])
        )
        self.assertEqual(
            Consent.with_user(self.all_documents).search([("id", "=", consent.id)]),
            consent,
        )


@tagged("post_install", "-at_install")
class TestConsentAndOdooBlocklists(TrustCommon):
    """Consent and Odoo's blocklists, both ways, without echo."""

    def _rows(self, person):
        return self.env["client.base.consent"].search(
            [("partner_id", "=", person.id)], order="id"
        )

    def test_an_opt_out_made_in_odoo_is_a_withdrawal(self):
        # as Odoo's unsubscribe page does it, for the public user
        public = self.env.ref("base.public_user")
        self.env["mail.blacklist"].with_user(public).sudo()._add(
            "my.person@example.com", message="Unsubscribed from the newsletter"
        )
        row = self._rows(self.my_person)
        self.assertEqual(
            (row.state, row.channel, row.method, row.user_id),
            ("withdrawn", "email", "blocklist", public),
        )
        self.assertEqual(self.my_person.client_consent_email, "withdrawn")
        # the person's own lift on the public page is theirs to make
        self.env["mail.blacklist"].with_user(public).sudo()._remove(
            "my.person@example.com", message="Subscribed again"
        )
        self.assertEqual(
            self._rows(self.my_person).mapped("state"), ["withdrawn", "granted"]
        )

    def test_a_lift_in_odoo_screens_needs_a_manager_and_a_reason(self):
        self._consent(self.my_person, "withdrawn")
        Blacklist = self.env["mail.blacklist"]
        with self.assertRaises(AccessError):
            Blacklist.with_user(self.cb_user).sudo()._remove("my.person@example.com")
        with self.assertRaises(ValidationError):
            Blacklist.with_user(self.cb_manager).sudo()._remove("my.person@example.com")
        self.my_person.invalidate_recordset()
        self.assertTrue(self.my_person.is_blacklisted)
        Blacklist.with_user(self.cb_manager).sudo()._remove(
            "my.person@example.com", message="Asked by phone, recorded call 12 May"
        )
        lift = self._rows(self.my_person)[-1]
        self.assertEqual((lift.state, lift.user_id), ("granted", self.cb_manager))
        self.assertIn("recorded call", lift.note)

    def test_no_echo_and_bounces_are_no_opt_out(self):
        self._consent(self.my_person, "withdrawn")
        self._consent(self.my_person, user=self.cb_manager, note="Signed form")
        self.assertEqual(len(self._rows(self.my_person)), 2, "no row written back")
        self.env["mail.blacklist"].with_context(client_base_bounce=True)._add(
            "their.person@example.com"
        )
        self.assertFalse(self._rows(self.their_person))

    def test_a_new_address_keeps_the_withdrawal(self):
        self._consent(self.my_person, "withdrawn")
        self.my_person.email = "my.new.address@example.com"
        self.assertTrue(
            self.env["mail.blacklist"].search(
                [("email", "=", "my.new.address@example.com")]
            )
        )

    def test_sms_both_ways_with_normalised_numbers(self):
        self.my_person.mobile = "+373 69 123 456"
        self._consent(self.my_person, "withdrawn", channel="sms")
        self.assertTrue(
            self.env["phone.blacklist"].search([("number", "=", "+37369123456")])
        )
        self.their_person.mobile = "+373 69 000 111"
        # as Odoo's SMS unsubscribe page does it
        self.env["phone.blacklist"].sudo().add("+373 69 000 111")
        row = self._rows(self.their_person)
        self.assertEqual((row.channel, row.state), ("sms", "withdrawn"))

    def test_a_number_odoo_cannot_normalise_does_not_stop_the_consent(self):
        self.my_person.mobile = "(145)-138-3401"
        consent = self._consent(self.my_person, "withdrawn", channel="sms")
        self.assertEqual(self.my_person.client_consent_sms, "withdrawn")
        self.assertEqual(consent.address, "(145)-138-3401")


@tagged("post_install", "-at_install")
class TestPartnerWrites(TrustCommon):
    """What the suite computes is not set by hand, and a colleague's client is
    neither edited nor taken over by a salesperson."""

    def test_computed_client_fields_refused(self):
        for vals in (
            {"client_consent_email": "granted"},
            {"client_status": "lost"},
            {"client_lost_manual": True, "client_order_count": 999},
            {"client_last_contact_date": "2020-01-01"},
        ):
            for user in (self.cb_user, self.cb_manager):
                with (
                    self.subTest(vals=vals, user=user.login),
                    self.assertRaises(UserError),
                ):
                    self.mine.with_user(user).write(vals)
        self.assertEqual(self.mine.client_consent_email, "unknown")

    def test_a_colleagues_client_is_not_edited_nor_taken(self):
        theirs = self.theirs.with_user(self.cb_user)
        with self.assertRaises(AccessError):
            theirs.write({"client_plans": "hacked"})
        with self.assertRaises(AccessError):
            self.their_person.with_user(self.cb_user).write(
                {"client_birthday": "1970-01-01"}
            )
        with self.assertRaises(AccessError):
            theirs.write({"user_id": self.cb_user.id})
        self.assertEqual(self.theirs.user_id, self.colleague)
        # their own and clients without a salesperson stay theirs to change
        self.mine.with_user(self.cb_user).write({"client_plans": "A second shop"})
        self.nobodys.with_user(self.cb_user).write({"user_id": self.cb_user.id})
        self.assertEqual(self.nobodys.user_id, self.cb_user)
        self.theirs.with_user(self.all_documents).write({"user_id": self.cb_user.id})
        self.assertEqual(self.theirs.user_id, self.cb_user)


@tagged("post_install", "-at_install")
class TestConsentProof(TrustCommon):
    def test_the_proof_is_the_consents_and_stays(self):
        proof = (
            self.env["ir.attachment"]
            .with_user(self.cb_manager)
            .create(
                {
                    "name": "signed-form.pdf",
                    "raw": b"%PDF signed",
                    "res_model": "client.base.consent",
                    "res_id": 0,
                }
            )
        )
        consent = self._consent(
            self.my_person,
            user=self.cb_manager,
            attachment_ids=[(6, 0, proof.ids)],
        )
        self.assertEqual((proof.res_model, proof.res_id), (consent._name, consent.id))
        for user in (self.cb_user, self.cb_manager):
            with self.assertRaises(AccessError):
                proof.with_user(user).unlink()
            with self.assertRaises(AccessError):
                proof.with_user(user).write({"raw": b"forged"})
        self.assertEqual(proof.raw, b"%PDF signed")

    def test_dates_and_notes_bounded(self):
        with self.assertRaises(ValidationError):
            self._consent(self.my_person, date="1899-12-31 10:00:00")
        with self.assertRaises(ValidationError):
            self._consent(self.my_person, note="x" * 100_000)


@tagged("post_install", "-at_install")
class TestBlocklistScreens(TrustCommon):
    """Odoo's blocklist screens, not only its wizards, reach the consent."""

    def test_an_entry_made_by_hand_is_a_withdrawal(self):
        self.env["mail.blacklist"].create({"email": "my.person@example.com"})
        self.assertEqual(self.my_person.client_consent_email, "withdrawn")
        self.env["mail.blacklist"].create({"email": "my.person@example.com"})
        self.assertEqual(
            len(self.my_person.client_consent_ids), 1, "an existing entry adds no row"
        )

    def test_archiving_or_deleting_an_entry_is_a_lift_under_the_rule(self):
        self._consent(self.my_person, "withdrawn")
        entry = self.env["mail.blacklist"].search(
            [("email", "=", "my.person@example.com")]
        )
        self.assertTrue(entry)
        with self.assertRaises(AccessError):
            entry.with_user(self.cb_user).sudo().write({"active": False})
        with self.assertRaises(AccessError):
            entry.with_user(self.cb_user).sudo().unlink()
        with self.assertRaises(ValidationError):
            entry.with_user(self.cb_manager).sudo().write({"active": False})
        self.assertTrue(entry.active)
        self.assertEqual(self.my_person.client_consent_email, "withdrawn")
        entry.write({"active": False})  # the system itself
        self.assertEqual(self.my_person.client_consent_email, "granted")
