from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestAnalysisMenus(TransactionCase):
    def test_health_and_matrix_views_open_for_their_users(self):
        """Base health opens for salespeople (their clients) and managers, the
        yearly review for managers. Every view of their actions loads."""
        user = new_test_user(
            self.env, login="cba_menu_user", groups="client_base.group_client_base_user"
        )
        manager = new_test_user(
            self.env,
            login="cba_menu_manager",
            groups="client_base.group_client_base_manager",
        )
        Menu = self.env["ir.ui.menu"]
        health = self.env.ref("client_base_analysis.client_base_yearly_review_menu")
        matrix = self.env.ref("client_base_analysis.client_base_strategic_matrix_menu")
        self.assertNotIn(health.id, Menu.with_user(user)._visible_menu_ids())
        self.assertIn(health.id, Menu.with_user(manager)._visible_menu_ids())
        self.assertIn(matrix.id, Menu.with_user(user)._visible_menu_ids())
        for xml_id, who in (
            ("client_base_health_repeat_action", user),
            ("client_base_health_churn_action", manager),
            ("client_base_health_cohort_action", manager),
            ("client_base_health_acquisition_action", manager),
            ("client_base_marketing_spend_action", manager),
            ("client_base_strategic_criterion_action", manager),
            ("client_base_strategic_matrix_action", user),
            ("res_partner_action_target_buying_little", user),
            ("res_partner_action_small_orders", user),
            ("res_partner_action_gone_silent", user),
            ("client_base_worklist_action", user),
        ):
            action = self.env.ref(f"client_base_analysis.{xml_id}")
            model = self.env[action.res_model].with_user(who)
            views = [(False, mode) for mode in action.view_mode.split(",")]
            result = model.get_views([*views, (False, "search")])
            self.assertEqual(
                set(result["views"]),
                {mode for _id, mode in views} | {"search"},
                xml_id,
            )
            model.search_count([])
