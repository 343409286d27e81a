from . import models


def uninstall_hook(env):
    """Before sale_margin's columns go (dropped with whatever reads them): the
    purchases' view is rewritten without the margin, in place, so that it and
    the views built on it stay."""
    env["client.base.purchase"].with_context(client_base_margin_uninstall=True).init()
