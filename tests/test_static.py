"""Static checks of the suite's addons: manifests, XML, access rights, company rules."""

import ast
import csv
import re
from pathlib import Path

import pytest
from lxml import etree

import odoo

ROOT = Path(__file__).resolve().parent.parent
SUITE = ("client_base", "client_base_loyalty", "client_base_analysis")
ODOO_ROOT = Path(odoo.__file__).resolve().parent
COMMUNITY_ADDONS = {
    path.parent.name
    for base in (ODOO_ROOT / "addons", ODOO_ROOT.parent / "addons")
    if base.is_dir()
    for path in base.glob("*/__manifest__.py")
}
ACCESS_HEADER = [
    "id", "name", "model_id:id", "group_id:id",
    "perm_read", "perm_write", "perm_create", "perm_unlink",
]  # fmt: skip


def _manifest(addon):
    return ast.literal_eval((ROOT / addon / "__manifest__.py").read_text())


def _models(addon):
    """(model name, kind, declares company_id) of every model an addon defines."""
    found = []
    for path in (ROOT / addon).rglob("*.py"):
        if "tests" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.ClassDef):
                continue
            bases = {ast.unparse(base) for base in node.bases}
            kind = next(
                (k for k in ("AbstractModel", "TransientModel", "Model")
                 if f"models.{k}" in bases),
                None,
            )  # fmt: skip
            name, company = None, False
            for stmt in node.body:
                if (
                    isinstance(stmt, ast.Assign)
                    and isinstance(stmt.value, ast.Constant)
                    and any(getattr(t, "id", "") == "_name" for t in stmt.targets)
                ):
                    name = stmt.value.value
                if isinstance(stmt, ast.Assign) and any(
                    getattr(t, "id", "") == "company_id" for t in stmt.targets
                ):
                    company = True
            if kind and name:
                found.append((name, kind, company))
    return found


def test_the_three_addons_exist():
    for addon in SUITE:
        assert (ROOT / addon / "__manifest__.py").is_file(), addon


@pytest.mark.parametrize("addon", SUITE)
def test_manifest(addon):
    manifest = _manifest(addon)
    for key in ("name", "summary", "version", "license", "author", "depends", "data"):
        assert key in manifest, f"{addon}: manifest lacks {key!r}"
    assert re.fullmatch(r"18\.0\.\d+\.\d+\.\d+", manifest["version"]), manifest[
        "version"
    ]
    assert manifest["license"] == "LGPL-3"
    for file in manifest.get("data", []) + manifest.get("demo", []):
        assert (ROOT / addon / file).is_file(), f"{addon}: {file} is listed but missing"
    for dependency in manifest["depends"]:
        assert dependency in SUITE or dependency in COMMUNITY_ADDONS, (
            f"{addon} depends on {dependency}: neither ours nor Odoo Community"
        )


@pytest.mark.parametrize("addon", SUITE)
def test_xml_parses(addon):
    files = list((ROOT / addon).rglob("*.xml"))
    assert files, f"{addon} has no XML file"
    for path in files:
        etree.parse(str(path))


@pytest.mark.parametrize("addon", SUITE)
def test_models_have_access_for_both_groups(addon):
    access = ROOT / addon / "security" / "ir.model.access.csv"
    models = [
        (name, kind) for name, kind, _c in _models(addon) if kind != "AbstractModel"
    ]
    if not models:
        return
    with access.open() as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ACCESS_HEADER
    for name, _kind in models:
        model_ref = "model_" + name.replace(".", "_")
        groups = {
            row[3].split(".")[-1]
            for row in rows[1:]
            if row[2].split(".")[-1] == model_ref
        }
        for group in ("group_client_base_user", "group_client_base_manager"):
            assert group in groups, f"{addon}: {name} has no access row for {group}"


@pytest.mark.parametrize("addon", SUITE)
def test_company_models_have_a_multi_company_rule(addon):
    rules = {}
    for path in (ROOT / addon / "security").glob("*.xml"):
        for record in etree.parse(str(path)).iter("record"):
            if record.get("model") != "ir.rule":
                continue
            model = record.find("field[@name='model_id']").get("ref").split(".")[-1]
            domain = record.find("field[@name='domain_force']").text or ""
            rules.setdefault(model, []).append(domain)
    for name, kind, has_company in _models(addon):
        if kind != "Model" or not has_company:
            continue
        model_ref = "model_" + name.replace(".", "_")
        assert any("company_ids" in domain for domain in rules.get(model_ref, [])), (
            f"{addon}: {name} has company_id but no multi-company record rule"
        )
