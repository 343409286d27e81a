import logging

import psycopg2

from odoo import models
from odoo.tools import SQL

_logger = logging.getLogger(__name__)


class ClientBaseDatabase(models.AbstractModel):
    """Settings of the PostgreSQL database the suite runs on, applied when it
    is installed or upgraded (``init``) and undone when it is removed.

    PostgreSQL's JIT compilation is turned off for the database (``ALTER
    DATABASE ... SET jit = off``): the planner's estimates of the suite's
    client lists (a client is a partner with orders, probed per partner) and
    health reports go over its threshold, and compiling them cost 0.3-0.8 s
    of a list request that ran in 0.1 s on 100,000 clients; Odoo's requests
    are short, so no other app loses by it. A database that already has its
    own ``jit`` setting keeps it, and keeps it when the suite is removed
    (the suite notes what it set in ``client_base.jit_off``). The setting
    reaches new connections (and a streaming replica, which copies the
    catalog); this one gets it at once.
    """

    _name = "client.base.database"
    _description = "Client Base Database Settings"

    def init(self):
        cr = self.env.cr
        cr.execute(
            SQL(
                """SELECT 1 FROM pg_db_role_setting setting
                     JOIN pg_database db ON db.oid = setting.setdatabase
                    WHERE db.datname = current_database() AND setting.setrole = 0
                      AND EXISTS (SELECT 1 FROM unnest(setting.setconfig) config
                                   WHERE config LIKE 'jit=%%')"""
            )
        )
        if cr.fetchone():
            return
        try:
            with cr.savepoint():
                cr.execute(
                    SQL(
                        "ALTER DATABASE %s SET jit = off",
                        SQL.identifier(cr.dbname),
                    )
                )
        except psycopg2.Error as error:
            # not the database's owner: the lists still work, slower
            _logger.warning("Client Base could not turn JIT off: %s", error)
            return
        cr.execute(SQL("SET jit = off"))
        self.env["ir.config_parameter"].sudo().set_param("client_base.jit_off", "1")

    def _reset_jit(self):
        """What ``init`` set, undone (the module is uninstalled)."""
        cr = self.env.cr
        Parameter = self.env["ir.config_parameter"].sudo()
        if not Parameter.get_param("client_base.jit_off"):
            return
        Parameter.set_param("client_base.jit_off", False)
        try:
            with cr.savepoint():
                cr.execute(
                    SQL("ALTER DATABASE %s RESET jit", SQL.identifier(cr.dbname))
                )
        except psycopg2.Error as error:
            _logger.warning("Client Base could not reset JIT: %s", error)
