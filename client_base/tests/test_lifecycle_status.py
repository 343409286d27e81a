from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import TODAY, ClientBaseCommon


@tagged("post_install", "-at_install")
@freeze_time(TODAY)
class TestLifecycleStatus(ClientBaseCommon):
    def _status(self, partner):
        partner.invalidate_recordset()
        return partner.with_company(self.company).client_status

    def _history(self, partner):
        return self.env["client.base.status.history"].search(
            [("partner_id", "=", partner.id), ("company_id", "=", self.company.id)],
            order="id",
        )

    def test_potential_without_confirmed_order(self):
        prospect = self._create_client("Prospect Agro SRL")
        self._create_order(prospect, confirm=False)
        self._refresh(partners=prospect)
        self.assertEqual(self._status(prospect), "potential")

    def test_whole_base_run_leaves_the_planner_settings_as_found(self):
        """The status run computes without PostgreSQL's JIT (its compile time
        outweighs the run on large bases) and restores the setting after."""
        client = self._create_client("Vita Market")
        self._order_on(client, 10)
        for setting in ("on", "off"):
            self.env.cr.execute("SELECT set_config('jit', %s, true)", [setting])
            self._refresh()
            self.env["res.partner"]._client_contact_refresh(self.company)
            self.env.cr.execute("SHOW jit")
            self.assertEqual(self.env.cr.fetchone()[0], setting)
        self.assertEqual(self._status(client), "new")

    def test_new_client(self):
        client = self._create_client("Vita Market")
        self._order_on(client, 10)
        self._refresh(partners=client)
        self.assertEqual(self._status(client), "new")
        self.assertEqual(client.client_first_order_date, TODAY.replace(day=5))

    def test_regular_and_occasional(self):
        regular = self._create_client("Codru Horeca")
        for days in (20, 50, 80):
            self._order_on(regular, days)
        occasional = self._create_client("Prut Service")
        for days in (20, 400, 500):
            self._order_on(occasional, days)
        self._refresh(partners=regular | occasional)
        # first order 80 days ago is still new; move the new period below it
        self.assertEqual(self._status(regular), "new")
        self.company.client_base_new_days = 30
        self.assertEqual(self._status(regular), "regular")
        self.assertEqual(regular.client_order_count, 3)
        self.assertEqual(regular.client_order_gap_days, 30.0)
        self.assertEqual(
            self._status(occasional),
            "occasional",
            "3 orders, but not all in the window",
        )

    def test_dormant_uses_the_clients_own_rhythm(self):
        frequent = self._create_client("Iskra Torg")
        for days in (140, 130, 120, 110, 100, 90, 70):
            self._order_on(frequent, days)
        slow = self._create_client("Volga Snab")
        for days in (370, 280, 190, 100):
            self._order_on(slow, days)
        self._refresh(partners=frequent | slow)
        # frequent: median gap 10 days, silence 70 > max(60, 2 x 10)
        self.assertEqual(self._status(frequent), "dormant")
        # slow: gap 90 days, silence 100 <= max(60, 2 x 90)
        self.assertEqual(self._status(slow), "regular")

    def test_single_order_dormant_after_minimum_days(self):
        client = self._create_client("Dacia Impex")
        self._order_on(client, 61)
        self._refresh(partners=client)
        self.assertEqual(self._status(client), "dormant", "Dormant comes before new")

    def test_first_computation_is_initial_and_floods_nobody(self):
        clients = self.env["res.partner"]
        for n in range(5):
            client = self._create_client(f"Old Client {n}")
            self._order_on(client, 500 + n)
            clients |= client
        self.env["client.base.status.history"].search(
            [("partner_id", "in", clients.ids)]
        ).unlink()
        clients.with_company(self.company).sudo().write({"client_status": False})
        self.env["mail.activity"].search([("res_id", "in", clients.ids)]).unlink()
        changes = self._refresh(partners=clients)
        self.assertEqual({c["cause"] for c in changes}, {"initial"})
        self.assertEqual({self._status(c) for c in clients}, {"lost"})
        self.assertFalse(
            self.env["mail.activity"].search(
                [("res_model", "=", "res.partner"), ("res_id", "in", clients.ids)]
            ),
            "An initial computation schedules no activity",
        )

    def test_automatic_lost_after_silence(self):
        client = self._create_client("Granit Logistic")
        self._order_on(client, 399)
        self._refresh(partners=client)
        self.assertEqual(self._status(client), "dormant")
        changes = self._refresh(partners=client, today=TODAY.replace(day=16))
        self.assertEqual(changes[0]["cause"], "silence")
        self.assertEqual(self._status(client), "lost")
        system_reason = self.env.ref("client_base.churn_reason_silence")
        self.assertEqual(
            client.with_company(self.company).client_churn_reason_id, system_reason
        )
        history = self._history(client)[-1]
        self.assertEqual(history.churn_reason_id, system_reason)
        activity = self.env["mail.activity"].search(
            [("res_model", "=", "res.partner"), ("res_id", "=", client.id)]
        )
        self.assertEqual(activity.user_id, self.cb_user)
        self.assertEqual(
            activity.activity_type_id,
            self.env.ref("client_base.mail_activity_type_find_churn_reason"),
        )

    def test_only_changed_clients_are_written(self):
        client = self._create_client("Terra Food")
        self._order_on(client, 20)
        self._refresh(partners=client)
        count = len(self._history(client))
        self.assertEqual(
            self._refresh(), [], "A second run over the whole base changes nothing"
        )
        self.assertEqual(len(self._history(client)), count)

    def test_order_confirmation_and_won_back(self):
        client = self._create_client("Aurora Trade")
        self._order_on(client, 200)
        self._refresh(partners=client)
        self.assertEqual(self._status(client), "dormant")
        self._create_order(client)  # confirmed today
        self.assertEqual(self._status(client), "occasional")
        last = self._history(client)[-1]
        self.assertEqual(last.cause, "won_back")
        self.assertEqual(last.status_from, "dormant")
        self.assertEqual(last.days_away, 200)

    def test_cancellation_returns_to_potential(self):
        client = self._create_client("Sever Market")
        order = self._create_order(client)
        self.assertEqual(self._status(client), "new")
        order._action_cancel()
        self.assertEqual(self._status(client), "potential")
        self.assertEqual(self._history(client)[-1].cause, "cancellation")

    def test_contacts_roll_up_and_companies_are_separate(self):
        client = self._create_client("Nistru Agro")
        contact = self.env["res.partner"].create(
            {"name": "Olga Rusu", "parent_id": client.id}
        )
        other_company = self.env["res.company"].create(
            {
                "name": "Second Company",
                "client_base_regular_orders": 3,
                "client_base_regular_window_days": 365,
            }
        )
        self.cb_user.company_ids |= other_company
        for days in (300, 200, 100, 30):
            self._order_on(contact, days, company=other_company)
        self._refresh(company=other_company, partners=client)
        self._refresh(partners=client)
        self.assertEqual(client.with_company(other_company).client_status, "regular")
        self.assertEqual(client.with_company(other_company).client_order_count, 4)
        self.assertEqual(self._status(client), "potential", "No order in this company")

    def test_settings_change_recomputes(self):
        client = self._create_client("Ural Grup")
        self._order_on(client, 100)
        self._refresh(partners=client)
        self.assertEqual(self._status(client), "dormant")
        self.company.client_base_dormant_min_days = 120
        self.assertEqual(self._status(client), "occasional")
        self.assertEqual(self._history(client)[-1].cause, "settings")

    def test_incoherent_settings_are_refused(self):
        for values in (
            {"client_base_new_days": 0},
            {"client_base_dormant_factor": -1},
            {"client_base_regular_window_days": 30},  # shorter than the new period
            {"client_base_lost_days": 50},  # before dormancy
            {"client_base_lost_days": -5},
        ):
            with (
                self.subTest(values=values),
                self.assertRaises(ValidationError),
                self.cr.savepoint(),
            ):
                self.company.write(values)
        self.company.client_base_lost_days = 0  # never lose automatically: allowed

    def test_order_recomputation_query_count_is_flat(self):
        short = self._create_client("Short History")
        long_history = self._create_client("Long History")
        self._order_on(short, 30)
        for days in range(30, 330, 10):
            self._order_on(long_history, days)
        self._create_order(self._create_client("Warm-up Client"))
        counts = []
        for client in (short, long_history):
            order = self._create_order(client, confirm=False)
            self.env.flush_all()
            before = self.cr.sql_log_count
            order.action_confirm()
            self.env.flush_all()
            counts.append(self.cr.sql_log_count - before)
        self.assertEqual(
            counts[0], counts[1], "Confirmation queries must not grow with history"
        )
