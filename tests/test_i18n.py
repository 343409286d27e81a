"""Every term of every addon in Russian and Romanian, and templates that match the code.

For each addon of the suite:
- ``i18n/<addon>.pot`` is what Odoo's own exporter gives for the addon's code and
  data (checked against a fresh export from the test database, which has no demo
  data: the template's other terms must come from the addon's demo files alone);
- ``ru.po`` and ``ro.po`` translate each term of the template, none fuzzy, none
  left over from a term the code no longer has;
- a translation keeps the placeholders of its term (``%s``, ``%(name)s``,
  ``{name}``, ``{{ expression }}``, QWeb attributes such as ``t-out``), so nothing
  breaks or goes missing when the text is rendered in another language.

``make i18n`` rewrites the templates and brings the translations in line; a new
string then fails here until both languages have it.
"""

import ast
import io
import re
from collections import Counter
from pathlib import Path

import polib
import pytest
from lxml import etree
from suite_addons import SUITE_ADDONS

from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import trans_export

ROOT = Path(__file__).resolve().parent.parent
ADDONS = SUITE_ADDONS
LANGUAGES = ("ru", "ro")

PLACEHOLDERS = (
    # printf style, positional or named (Python and JavaScript's sprintf)
    re.compile(r"%(?:\([\w.]+\))?[-#0+]*\d*(?:\.\d+)?[sdfir]"),
    # inline templates of mail and SMS templates
    re.compile(r"\{\{.*?\}\}", re.DOTALL),
    # str.format fields
    re.compile(r"(?<!\{)\{\w*\}(?!\})"),
    # QWeb directives inside translatable view and template fragments
    re.compile(r"\bt-[\w-]+=\"[^\"]*\""),
)


def _placeholders(text):
    found = Counter()
    for pattern in PLACEHOLDERS:
        found.update(pattern.findall(text))
    return found


def _template(addon):
    path = ROOT / addon / "i18n" / f"{addon}.pot"
    assert path.exists(), f"{addon}: no {path.relative_to(ROOT)} (run make i18n)"
    return polib.pofile(str(path))


def _catalog(addon, lang):
    path = ROOT / addon / "i18n" / f"{lang}.po"
    assert path.exists(), f"{addon}: no {path.relative_to(ROOT)} (run make i18n)"
    return polib.pofile(str(path))


def _occurrences(entry):
    return {f"{path}:{line}" if line else path for path, line in entry.occurrences}


def _demo_xmlids(addon):
    """Full XML ids of the records the addon's demo files declare."""
    manifest = ast.literal_eval((ROOT / addon / "__manifest__.py").read_text())
    ids = set()
    for name in manifest.get("demo", []):
        tree = etree.parse(str(ROOT / addon / name))
        for node in tree.iter("record", "template", "menuitem"):
            xmlid = node.get("id")
            if xmlid:
                ids.add(xmlid if "." in xmlid else f"{addon}.{xmlid}")
    return ids


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("addon", ADDONS)
def test_every_term_translated(addon, lang):
    template = _template(addon)
    catalog = {(entry.msgctxt, entry.msgid): entry for entry in _catalog(addon, lang)}
    terms = {(entry.msgctxt, entry.msgid) for entry in template}
    problems = []
    for key in sorted(terms, key=str):
        entry = catalog.get(key)
        if entry is None:
            problems.append(f"missing: {key[1]!r}")
        elif not entry.msgstr.strip():
            problems.append(f"untranslated: {key[1]!r}")
        elif entry.fuzzy:
            problems.append(f"fuzzy: {key[1]!r}")
    problems += [
        f"not in the template (stale): {key[1]!r}"
        for key in sorted(set(catalog) - terms, key=str)
        if not catalog[key].obsolete
    ]
    assert not problems, (
        f"{addon}/i18n/{lang}.po, {len(problems)} of {len(terms)} terms:\n"
        + "\n".join(problems[:40])
    )


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("addon", ADDONS)
def test_translations_keep_placeholders(addon, lang):
    problems = []
    for entry in _catalog(addon, lang):
        if not entry.msgstr:
            continue
        expected, got = _placeholders(entry.msgid), _placeholders(entry.msgstr)
        if expected != got:
            problems.append(
                f"{entry.msgid[:70]!r}: term has {sorted(expected.elements())}, "
                f"translation {sorted(got.elements())}"
            )
    assert not problems, f"{addon}/i18n/{lang}.po:\n" + "\n".join(problems)


def test_placeholder_check_sees_a_lost_placeholder():
    """The check above would catch the mistakes it exists for."""
    assert _placeholders("Due on %s: call") != _placeholders("Срок: звонок")
    assert _placeholders("%(name)s left") != _placeholders("%(nume)s a plecat")
    assert _placeholders("{{ object.code }} ok") == _placeholders(
        "ок {{ object.code }}"
    )
    assert _placeholders('<t t-out="object.name"/> hi') != _placeholders("привет")


@tagged("post_install", "-at_install")
class TestTemplatesMatchCode(TransactionCase):
    """The shipped templates are what Odoo exports from the installed addons."""

    def _export(self, addon):
        buffer = io.BytesIO()
        # the exporter logs and skips a file it cannot read (an f-string among
        # the arguments of a translated call): its terms would be lost silently
        with self.assertNoLogs("odoo.tools.translate", "ERROR"):
            trans_export(None, [addon], buffer, "po", self.env.cr)
        return polib.pofile(buffer.getvalue().decode())

    def test_templates_match_export(self):
        for addon in ADDONS:
            with self.subTest(addon=addon):
                demo = _demo_xmlids(addon)
                exported = {
                    entry.msgid: _occurrences(entry) for entry in self._export(addon)
                }
                shipped = {
                    entry.msgid: _occurrences(entry) for entry in _template(addon)
                }
                problems = [
                    f"not in the template: {msgid!r}"
                    for msgid in sorted(set(exported) - set(shipped))
                ]
                for msgid, places in shipped.items():
                    missing = exported.get(msgid, set()) - places
                    if missing:
                        problems.append(f"{msgid!r}: template lacks {sorted(missing)}")
                    extra = {
                        place
                        for place in places - exported.get(msgid, set())
                        if place.rsplit(":", 1)[-1] not in demo
                    }
                    if extra:
                        problems.append(
                            f"{msgid!r}: template has {sorted(extra)}, the code not"
                        )
                self.assertFalse(
                    problems,
                    f"{addon}/i18n/{addon}.pot is out of date (run make i18n):\n"
                    + "\n".join(problems[:40]),
                )
