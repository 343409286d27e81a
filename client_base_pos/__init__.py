from . import models
from . import report
from . import demo


def uninstall_hook(env):
    """Before the Point of Sale's tables go (dropped with whatever reads them):
    the purchases' views are rewritten without the till, in place, so that
    they and the views built on them stay."""
    env = env(context=dict(env.context, client_base_pos_uninstall=True))
    env["client.base.purchase"].init()
    env["client.base.purchase.line"].init()
