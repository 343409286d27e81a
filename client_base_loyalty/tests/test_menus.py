from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestLoyaltyMenus(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cb_user = new_test_user(
            cls.env, login="cbl_user", groups="client_base.group_client_base_user"
        )
        cls.cb_manager = new_test_user(
            cls.env, login="cbl_manager", groups="client_base.group_client_base_manager"
        )

    def test_cards_for_users_programs_for_managers(self):
        cards = self.env.ref("client_base_loyalty.loyalty_card_menu_client_base")
        programs = self.env.ref("client_base_loyalty.loyalty_program_menu_client_base")
        Menu = self.env["ir.ui.menu"]
        user_menus = Menu.with_user(self.cb_user)._visible_menu_ids()
        manager_menus = Menu.with_user(self.cb_manager)._visible_menu_ids()
        self.assertIn(cards.id, user_menus)
        self.assertNotIn(
            programs.id, user_menus, "Program configuration is for managers"
        )
        self.assertIn(programs.id, manager_menus)
