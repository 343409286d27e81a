"""Static checks of the suite's addons: no database and no Odoo server needed.

Every directory at the repository root with a ``__manifest__.py`` is an addon and
is checked: its manifest, its XML and access CSV files, the access rows of the
models it defines and the multi-company record rules of those with a company.
Models are found by reading the addons' Python with ``ast``, never by importing it.
"""

import ast
import csv
import importlib.util
import re
from pathlib import Path
from typing import NamedTuple

import pytest
from lxml import etree
from suite_addons import SUITE_ADDONS

ROOT = Path(__file__).resolve().parent.parent
SUITE = SUITE_ADDONS
ADDONS = sorted(path.parent.name for path in ROOT.glob("*/__manifest__.py"))

MANIFEST_KEYS = (
    "name",
    "version",
    "license",
    "depends",
    "data",
    "author",
)
VERSION = re.compile(r"^18\.0\.\d+\.\d+\.\d+$")
AUTHOR = "Client Base contributors"
ACCESS_HEADER = [
    "id",
    "name",
    "model_id:id",
    "group_id:id",
    "perm_read",
    "perm_write",
    "perm_create",
    "perm_unlink",
]
GROUPS = ("group_client_base_user", "group_client_base_manager")
GROUPS_MODULE = "client_base"

# Odoo Enterprise addons that a Community suite must never depend on. The check
# against Odoo's source tree catches any other name; this list also works where
# Odoo's source cannot be found.
ENTERPRISE = frozenset(
    {
        "account_accountant",
        "account_asset",
        "account_budget",
        "account_consolidation",
        "account_invoice_extract",
        "account_online_synchronization",
        "account_reports",
        "accountant",
        "appointment",
        "approvals",
        "data_cleaning",
        "data_merge",
        "documents",
        "frontdesk",
        "helpdesk",
        "hr_appraisal",
        "hr_payroll",
        "hr_referral",
        "industry_fsm",
        "iot",
        "knowledge",
        "marketing_automation",
        "mrp_plm",
        "mrp_workorder",
        "planning",
        "quality",
        "quality_control",
        "sale_amazon",
        "sale_renting",
        "sale_subscription",
        "sign",
        "social",
        "spreadsheet_edition",
        "stock_barcode",
        "timesheet_grid",
        "voip",
        "web_cohort",
        "web_enterprise",
        "web_gantt",
        "web_grid",
        "web_map",
        "web_studio",
        "website_helpdesk",
        "whatsapp",
    }
)


def _community_addons():
    """Names of the addons in Odoo's source tree, or None where it cannot be found.

    Odoo is located the way ``odoo.__file__`` would tell, without importing it:
    its own addons (base) sit in odoo/addons, the others in addons/ beside it.
    """
    spec = importlib.util.find_spec("odoo")
    if spec is None or not spec.submodule_search_locations:
        return None
    names = set()
    for location in map(Path, spec.submodule_search_locations):
        for addons_dir in (location / "addons", location.parent / "addons"):
            manifests = addons_dir.glob("*/__manifest__.py")
            names.update(path.parent.name for path in manifests)
    return names or None


COMMUNITY_ADDONS = _community_addons()


def _manifest(addon):
    path = ROOT / addon / "__manifest__.py"
    try:
        manifest = ast.literal_eval(path.read_text(encoding="utf-8"))
    except (SyntaxError, ValueError) as exc:
        pytest.fail(f"{addon}: __manifest__.py is not a plain literal: {exc}")
    if not isinstance(manifest, dict):
        pytest.fail(f"{addon}: __manifest__.py is not a dict literal")
    return manifest


def _data_files(addon, prefix="", suffix=""):
    """Files of the manifest's data list, in load order, filtered by path."""
    return [
        ROOT / addon / name
        for name in _manifest(addon).get("data", [])
        if name.startswith(prefix) and name.endswith(suffix)
    ]


def _local_ref(ref, addon):
    """An XML id as written in ``addon``, without the addon's own module prefix."""
    module, _dot, name = ref.rpartition(".")
    return name if module in ("", addon) else ref


def _model_ref(model_name):
    return "model_" + model_name.replace(".", "_")


# -- models, read from the addons' Python -----------------------------------------


class ModelDef(NamedTuple):
    addon: str
    name: str
    kind: str  # "Model", "TransientModel" or "AbstractModel"
    has_company: bool
    where: str  # file:line of the defining class

    def __str__(self):
        return f"{self.addon}:{self.name}"


MODEL_KINDS = ("Model", "TransientModel", "AbstractModel")


def _class_kind(node):
    """Which of Odoo's model classes a class derives from, by its written bases.

    A class with another base (a mixin of its own, say) is taken for a
    ``models.Model``: the stricter reading, which asks for access rows and rules.
    """
    for base in node.bases:
        name = base.attr if isinstance(base, ast.Attribute) else getattr(base, "id", "")
        if name in MODEL_KINDS:
            return name
    return "Model"


def _class_attributes(node):
    """Names and literal values assigned in a class body (None when not literal)."""
    attributes = {}
    for stmt in node.body:
        if isinstance(stmt, ast.Assign):
            targets, value = stmt.targets, stmt.value
        elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
            targets, value = [stmt.target], stmt.value
        else:
            continue
        try:
            literal = ast.literal_eval(value)
        except (TypeError, ValueError):
            literal = None  # a field, a call: only its name matters
        for target in targets:
            if isinstance(target, ast.Name):
                attributes[target.id] = literal
    return attributes


def _models(addon):
    """The models ``addon`` defines (``_name`` not merely extending ``_inherit``)."""
    definitions, with_company = [], set()
    addon_dir = ROOT / addon
    for path in sorted(addon_dir.rglob("*.py")):
        if "tests" in path.relative_to(addon_dir).parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.ClassDef):
                continue
            attributes = _class_attributes(node)
            inherit = attributes.get("_inherit") or []
            inherit = [inherit] if isinstance(inherit, str) else list(inherit)
            name = attributes.get("_name")
            if "company_id" in attributes:
                with_company.update(inherit if name is None else [name])
            if isinstance(name, str) and name not in inherit:
                where = f"{path.relative_to(ROOT)}:{node.lineno}"
                definitions.append((name, _class_kind(node), where))
    return [
        ModelDef(addon, name, kind, name in with_company, where)
        for name, kind, where in definitions
    ]


MODELS = [model for addon in ADDONS for model in _models(addon)]
NEED_ACCESS = [model for model in MODELS if model.kind != "AbstractModel"]
NEED_COMPANY_RULE = [model for model in MODELS if model.kind == "Model"]


# -- the addons are there ----------------------------------------------------------


def test_suite_addons_are_found():
    missing = [addon for addon in SUITE if addon not in ADDONS]
    assert not missing, f"no __manifest__.py found for {missing} under {ROOT}"


def test_models_are_found():
    assert NEED_ACCESS, "no model definition found: the reading of _name is broken"


# -- manifests ---------------------------------------------------------------------


@pytest.mark.parametrize("addon", ADDONS)
def test_manifest_keys_and_values(addon):
    manifest = _manifest(addon)
    problems = [f"lacks {key!r}" for key in MANIFEST_KEYS if key not in manifest]
    if not VERSION.match(str(manifest.get("version"))):
        problems.append(f"version {manifest.get('version')!r} is not 18.0.x.y.z")
    if manifest.get("license") != "LGPL-3":
        problems.append(f"license {manifest.get('license')!r} is not 'LGPL-3'")
    if manifest.get("author") != AUTHOR:
        problems.append(f"author {manifest.get('author')!r} is not {AUTHOR!r}")
    if manifest.get("installable", True) is not True:
        problems.append("installable is not True")
    assert not problems, f"{addon}/__manifest__.py: " + "; ".join(problems)


@pytest.mark.parametrize("addon", ADDONS)
def test_manifest_files_exist(addon):
    manifest = _manifest(addon)
    missing = [
        f"{key}: {name}"
        for key in ("data", "demo")
        for name in manifest.get(key, [])
        if not (ROOT / addon / name).is_file()
    ]
    assert not missing, f"{addon}: manifest lists missing files {missing}"


@pytest.mark.parametrize("addon", ADDONS)
def test_manifest_depends_on_no_enterprise_addon(addon):
    enterprise = [
        name
        for name in _manifest(addon)["depends"]
        if name in ENTERPRISE or name.endswith("_enterprise")
    ]
    assert not enterprise, f"{addon} depends on Odoo Enterprise addons {enterprise}"


@pytest.mark.parametrize("addon", ADDONS)
def test_manifest_depends_on_suite_or_community_addons(addon):
    if COMMUNITY_ADDONS is None:
        pytest.skip("Odoo's source tree (the odoo package) is not on sys.path")
    unknown = [
        name
        for name in _manifest(addon)["depends"]
        if name not in ADDONS and name not in COMMUNITY_ADDONS
    ]
    assert not unknown, (
        f"{addon} depends on {unknown}: neither a suite addon nor in Odoo Community"
    )


# -- XML and CSV files -------------------------------------------------------------


@pytest.mark.parametrize("addon", ADDONS)
def test_xml_files_parse(addon):
    errors = []
    for path in sorted((ROOT / addon).rglob("*.xml")):
        try:
            etree.parse(str(path))
        except etree.XMLSyntaxError as exc:
            errors.append(f"{path.relative_to(ROOT)}: {exc}")
    assert not errors, "XML files that do not parse:\n" + "\n".join(errors)


@pytest.mark.parametrize("addon", ADDONS)
def test_access_csv_files_are_well_formed(addon):
    errors = []
    for path in sorted((ROOT / addon).rglob("ir.model.access.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        where = path.relative_to(ROOT)
        if not rows or rows[0] != ACCESS_HEADER:
            errors.append(f"{where}: header is not {','.join(ACCESS_HEADER)}")
        errors.extend(
            f"{where}:{number}: {len(row)} columns instead of {len(ACCESS_HEADER)}"
            for number, row in enumerate(rows[1:], start=2)
            if row and len(row) != len(ACCESS_HEADER)
        )
    assert not errors, "\n".join(errors)


# -- access rows and multi-company rules, per model ---------------------------------


def _access_groups(addon, model_name):
    """Groups given access to a model by the access CSV files the manifest loads."""
    groups = set()
    for path in _data_files(addon, suffix="ir.model.access.csv"):
        if not path.is_file():
            continue
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                model_ref = _local_ref(row.get("model_id:id") or "", addon)
                if model_ref == _model_ref(model_name):
                    groups.add(row.get("group_id:id") or "")
    return groups


@pytest.mark.parametrize("model", NEED_ACCESS, ids=str)
def test_model_has_access_rows_for_both_groups(model):
    groups = _access_groups(model.addon, model.name)
    for group in GROUPS:
        accepted = {f"{GROUPS_MODULE}.{group}"}
        if model.addon == GROUPS_MODULE:
            accepted.add(group)
        assert groups & accepted, (
            f"{model.addon}: {model.kind} {model.name} ({model.where}) has no row "
            f"for {GROUPS_MODULE}.{group} in an ir.model.access.csv its manifest loads"
        )


def _company_rule_domains(addon, model_name):
    """domain_force of the ir.rule records on a model in the loaded security XML."""
    domains = []
    for path in _data_files(addon, prefix="security/", suffix=".xml"):
        if not path.is_file():
            continue
        for record in etree.parse(str(path)).iter("record"):
            model = record.find("field[@name='model_id']")
            domain = record.find("field[@name='domain_force']")
            if record.get("model") != "ir.rule" or model is None or domain is None:
                continue
            if _local_ref(model.get("ref") or "", addon) == _model_ref(model_name):
                domains.append((domain.text or "") + (domain.get("eval") or ""))
    return domains


@pytest.mark.parametrize("model", NEED_COMPANY_RULE, ids=str)
def test_company_model_has_multi_company_rule(model):
    if not model.has_company:
        return  # no company_id field, nothing to restrict by company
    domains = _company_rule_domains(model.addon, model.name)
    assert any("company_ids" in domain for domain in domains), (
        f"{model.addon}: {model.name} ({model.where}) has a company_id field but no "
        "ir.rule on it whose domain_force uses company_ids, in the security/*.xml "
        "files its manifest loads"
    )
