import psycopg2

from odoo.sql_db import connection_info_for
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL


@tagged("post_install", "-at_install")
class TestDatabaseSettings(TransactionCase):
    def _database_jit(self):
        self.env.cr.execute(
            SQL(
                """SELECT config FROM pg_db_role_setting setting
                     JOIN pg_database db ON db.oid = setting.setdatabase
                     CROSS JOIN unnest(setting.setconfig) config
                    WHERE db.datname = current_database() AND setting.setrole = 0
                      AND config LIKE 'jit=%%'"""
            )
        )
        return [row[0] for row in self.env.cr.fetchall()]

    def test_installed_suite_runs_without_jit(self):
        """The suite's database compiles no query: set on the database, so
        that every new connection (and a replica) gets it."""
        self.assertEqual(self._database_jit(), ["jit=off"])
        _name, info = connection_info_for(self.env.cr.dbname)
        connection = psycopg2.connect(**info)
        try:
            with connection.cursor() as cursor:
                cursor.execute("SHOW jit")
                self.assertEqual(cursor.fetchone()[0], "off")
        finally:
            connection.close()
        self.assertEqual(
            self.env["ir.config_parameter"].sudo().get_param("client_base.jit_off"),
            "1",
        )

    def test_removing_the_suite_resets_only_what_it_set(self):
        Database = self.env["client.base.database"]
        Parameter = self.env["ir.config_parameter"].sudo()
        Parameter.set_param("client_base.jit_off", False)
        Database._reset_jit()
        self.assertEqual(self._database_jit(), ["jit=off"], "not the suite's: kept")
        Parameter.set_param("client_base.jit_off", "1")
        Database._reset_jit()
        self.assertEqual(self._database_jit(), [])
        self.assertFalse(Parameter.get_param("client_base.jit_off"))
        # installed again (an upgrade): set again
        Database.init()
        self.assertEqual(self._database_jit(), ["jit=off"])
