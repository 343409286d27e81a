from odoo.tests import tagged

from .common import ClientBaseCommon


@tagged("post_install", "-at_install")
class TestSecurity(ClientBaseCommon):
    def _visible_menus(self, user):
        return self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()

    def test_groups_imply_sales_rights(self):
        self.assertTrue(self.cb_user.has_group("sales_team.group_sale_salesman"))
        self.assertFalse(
            self.cb_user.has_group("sales_team.group_sale_salesman_all_leads")
        )
        self.assertTrue(self.cb_manager.has_group("client_base.group_client_base_user"))
        self.assertTrue(
            self.cb_manager.has_group("sales_team.group_sale_salesman_all_leads")
        )

    def test_menus_follow_groups(self):
        root = self.env.ref("client_base.client_base_menu_root")
        clients = self.env.ref("client_base.res_partner_menu_clients")
        configuration = self.env.ref("client_base.client_base_menu_configuration")
        user_menus = self._visible_menus(self.cb_user)
        self.assertIn(root.id, user_menus)
        self.assertIn(clients.id, user_menus)
        self.assertNotIn(
            configuration.id, user_menus, "Configuration is for managers only"
        )
        categories = self.env.ref("client_base.res_partner_category_menu_client_base")
        self.assertNotIn(categories.id, user_menus)
        self.assertIn(configuration.id, self._visible_menus(self.cb_manager))

    def test_plain_employee_is_refused(self):
        root = self.env.ref("client_base.client_base_menu_root")
        self.assertNotIn(root.id, self._visible_menus(self.employee))
