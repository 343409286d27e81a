"""The suite's numbers on a fixed demo story are those of the version before the
purchases were given one source (``client.base.purchase``) and the addons one
file per feature: statuses and their history, an analysis, every base-health
row. The reference was written by that version with
``tests/results_fingerprint.py``; a difference is a changed number to explain
(and the reference to rewrite), not a moved line."""

import json
from pathlib import Path

from results_fingerprint import fingerprint

from odoo.tests import TransactionCase, tagged

REFERENCE = Path(__file__).parent / "data" / "results_fingerprint.json"


@tagged("post_install", "-at_install")
class TestResultsUnchanged(TransactionCase):
    maxDiff = None

    def test_the_story_gives_the_same_numbers(self):
        reference = json.loads(REFERENCE.read_text(encoding="utf-8"))
        # through JSON as the reference was: tuples become lists, keys strings
        now = json.loads(json.dumps(fingerprint(self.env)))
        self.assertEqual(set(now), set(reference))
        for part in sorted(reference):
            with self.subTest(part=part):
                self.assertTrue(reference[part], "the reference holds rows")
                self.assertEqual(now[part], reference[part])
