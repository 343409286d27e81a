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
