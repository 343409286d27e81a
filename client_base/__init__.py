from odoo.tools import SQL

from . import controllers
from . import tools
from . import models
from . import report
from . import wizard
from . import demo


def _post_init_compute_statuses(env):
    """Compute every client's status once on install: recorded as "initial"
    history, with no activity for anyone."""
    Partner = env["res.partner"]
    for company in env["res.company"].search([]):
        Partner._client_base_refresh_status(company, cause="initial")


def _uninstall_reset_database(env):
    """What the suite made outside Odoo's models, undone: its database
    settings (client.base.database) and the purchases' summary by client
    by month and by year (tables of client.base.purchase.day's)."""
    env["client.base.database"]._reset_jit()
    env.cr.execute(SQL("DROP TABLE IF EXISTS client_base_purchase_client"))
    env.cr.execute(SQL("DROP TABLE IF EXISTS client_base_purchase_month"))
    env.cr.execute(SQL("DROP TABLE IF EXISTS client_base_purchase_year"))
