from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestAnalysisMenus(TransactionCase):
    def test_orders_analysis_is_for_managers(self):
        menu = self.env.ref("client_base_analysis.sale_report_menu_client_base_orders")
        user = new_test_user(
            self.env, login="cba_user", groups="client_base.group_client_base_user"
        )
        manager = new_test_user(
            self.env,
            login="cba_manager",
            groups="client_base.group_client_base_manager",
        )
        Menu = self.env["ir.ui.menu"]
        self.assertNotIn(menu.id, Menu.with_user(user)._visible_menu_ids())
        self.assertIn(menu.id, Menu.with_user(manager)._visible_menu_ids())
