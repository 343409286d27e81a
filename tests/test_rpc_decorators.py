"""Overrides keep the RPC decorators of the methods they override.

Odoo copies only ``@api.returns`` onto an override: ``@api.model`` and
``@api.readonly`` must be written again. Without ``@api.model`` the web client's
call fails (its first argument is taken for record ids); without
``@api.readonly`` the request leaves the read replica for the primary. Checked
for every public method a suite addon overrides on any model of the registry.
"""

import inspect

from suite_addons import SUITE_ADDONS

from odoo import models
from odoo.tests import TransactionCase, tagged

SUITE_MODULES = tuple(f"odoo.addons.{addon}." for addon in SUITE_ADDONS)


@tagged("post_install", "-at_install")
class TestRpcDecorators(TransactionCase):
    def test_suite_overrides_keep_model_and_readonly(self):
        base = {
            name: method
            for name, method in inspect.getmembers(models.BaseModel, inspect.isfunction)
            # what the web client may call (private methods are refused by RPC)
            if not name.startswith("_")
            and (getattr(method, "_readonly", False) or getattr(method, "_api", None))
        }
        checked, lost = 0, []
        for model_name in self.env.registry:
            cls = type(self.env[model_name])
            for klass in cls.__mro__:
                for name, method in vars(klass).items():
                    if name not in base or not inspect.isfunction(method):
                        continue
                    if not method.__module__.startswith(SUITE_MODULES):
                        continue
                    checked += 1
                    for attr in ("_readonly", "_api"):
                        if getattr(base[name], attr, None) != getattr(
                            method, attr, None
                        ):
                            lost.append(f"{method.__qualname__} ({attr})")
        self.assertGreater(checked, 0, "the suite overrides some of these methods")
        self.assertEqual(sorted(set(lost)), [])
