"""Who sees and changes what: the table of client_base/readme/CONFIGURE.md,
asserted as real users for every model the suite defines.

The table is the one statement of the access model: a model the suite adds
without its row fails here, and so does a row that says more or less than the
access rights and record rules grant. Each model is also called once through
Odoo's RPC dispatcher (``odoo.api.call_kw``, what ``/web/dataset/call_kw`` runs)
as a salesperson.
"""

import re
from pathlib import Path

from suite_addons import SUITE_ADDONS

from odoo import api
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged

ROOT = Path(__file__).resolve().parent.parent
SUITE = set(SUITE_ADDONS)
ROLES = ("Salesperson", "Manager", "Internal user", "Portal", "Public")
GROUPS = {
    "Salesperson": "client_base.group_client_base_user",
    "Manager": "client_base.group_client_base_manager",
    "Internal user": "base.group_user",
    "Portal": "base.group_portal",
}
OPERATIONS = {"r": "read", "w": "write", "c": "create", "d": "unlink"}
ROW = re.compile(r"^\| `([a-z_.]+)` \|(.*)\|\s*$")


def access_matrix():
    """{model: {role: (set of r/w/c/d, own?)}} from CONFIGURE.md's table."""
    text = (ROOT / "client_base" / "readme" / "CONFIGURE.md").read_text()
    section = text.split("## Who sees and changes what", 1)[1].split("\n## ", 1)[0]
    matrix = {}
    for line in section.splitlines():
        match = ROW.match(line)
        if not match:
            continue
        cells = [cell.strip() for cell in match.group(2).split("|")]
        assert len(cells) == len(ROLES), f"{match.group(1)}: {len(cells)} columns"
        matrix[match.group(1)] = {
            role: (
                set(cell.split()[0]) - {"—"} if cell != "—" else set(),
                cell.endswith(" own"),
            )
            for role, cell in zip(ROLES, cells, strict=True)
        }
    return matrix


def test_the_table_is_well_formed():
    matrix = access_matrix()
    assert len(matrix) > 30
    for model, cells in matrix.items():
        for role, (perms, _own) in cells.items():
            assert perms <= set(OPERATIONS), f"{model}, {role}: {perms}"


@tagged("post_install", "-at_install")
class TestAccessMatrix(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.matrix = access_matrix()
        cls.users = {
            role: new_test_user(
                cls.env, login=f"matrix_{role.split()[0]}", groups=group
            )
            for role, group in GROUPS.items()
        }
        cls.users["Public"] = cls.env.ref("base.public_user")

    def _suite_models(self):
        return {
            name
            for name, model in self.env.registry.items()
            if model._original_module in SUITE and not model._abstract
        }

    def test_every_model_has_its_row(self):
        models = self._suite_models()
        self.assertFalse(
            models - set(self.matrix), "models without a row in CONFIGURE.md"
        )
        self.assertFalse(set(self.matrix) - models, "rows of models that do not exist")

    def test_rights_as_each_user(self):
        for model, cells in self.matrix.items():
            for role, (perms, _own) in cells.items():
                Model = self.env[model].with_user(self.users[role])
                granted = {
                    letter
                    for letter, operation in OPERATIONS.items()
                    if Model.has_access(operation)
                }
                with self.subTest(model=model, role=role):
                    self.assertEqual(granted, perms)

    def test_own_rows_follow_the_principle(self):
        """A row marked own on a model with a table of client rows carries the
        principle's two rules: a salesperson's (on the user) and All
        Documents' (every row)."""
        all_leads = self.env.ref("sales_team.group_sale_salesman_all_leads")
        for model, cells in self.matrix.items():
            __, own = cells["Salesperson"]
            if not own or self.env[model]._transient:
                continue  # wizards check the client in their action
            rules = self.env["ir.rule"].search([("model_id.model", "=", model)])
            with self.subTest(model=model):
                self.assertTrue(
                    rules.filtered(
                        lambda rule: rule.groups and "user.id" in rule.domain_force
                    ),
                    "no salesperson's rule",
                )
                self.assertTrue(
                    rules.filtered(
                        lambda rule: (
                            all_leads in rule.groups
                            and rule.domain_force.replace(" ", "") == "[(1,'=',1)]"
                        )
                    ),
                    "no All Documents rule",
                )

    def test_one_rpc_round_per_model_as_a_salesperson(self):
        salesperson = self.users["Salesperson"]
        for model, cells in self.matrix.items():
            readable = "r" in cells["Salesperson"][0]
            Model = self.env[model].with_user(salesperson)
            with self.subTest(model=model):
                if readable:
                    count = api.call_kw(Model, "search_count", [[]], {})
                    self.assertIsInstance(count, int)
                else:
                    with self.assertRaises(AccessError):
                        api.call_kw(Model, "search_count", [[]], {})
