"""What the suite computes on one fixed demo story: statuses and their history,
an analysis, the base-health rows. ``tests/test_results_unchanged.py`` compares
it with ``tests/data/results_fingerprint.json``, written by an earlier version
of the suite, so that a change meant to move code leaves every number as it was.

    python3 tests/results_fingerprint.py CONF DB OUT.json

writes the fingerprint of the suite installed in DB (the story is written and
rolled back); run it with the version whose numbers are the reference.
Clients are named by their story reference (``CB000123``), not their ids.
"""

import json
import sys
from datetime import date

TODAY = date(2026, 6, 15)
SEED = 23
SCALE = 0.3
PERIOD = (date(2025, 6, 1), date(2026, 5, 31))
STORY_CLIENTS = ("ref", "=like", "CB%")
OF_STORY_CLIENTS = [("partner_id.ref", "=like", "CB%")]


def _number(value):
    return round(value, 6) if isinstance(value, float) else value


def _cell(name, value, refs):
    if isinstance(value, (list, tuple)):  # a many2one: (id, name)
        return refs.get(value[0], value[1]) if name == "partner_id" else value[1]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return _number(value)


def _rows(env, model, fields, domain):
    """Rows of ``model`` as sorted lists, partners by their story reference."""
    records = env[model].sudo().search_read(domain, fields)
    partners = env["res.partner"].sudo().with_context(active_test=False)
    refs = {partner.id: partner.ref for partner in partners.search([STORY_CLIENTS])}
    rows = [[_cell(name, record[name], refs) for name in fields] for record in records]
    return sorted(rows, key=lambda row: [str(cell) for cell in row])


def settled(result):
    """Only the rows the story's day settles: the base-health views count up
    to the database's own today, so later quarters of a cohort and later
    years of churn appear as the calendar moves on."""
    cohort_fields = ["partner_id", "cohort_month", "quarter", "retained"]
    churn_fields = ["partner_id", "year"]

    def quarter_over(row):
        month = date.fromisoformat(row[cohort_fields.index("cohort_month")])
        quarter = row[cohort_fields.index("quarter")]
        over = month.year * 12 + month.month - 1 + 3 * quarter + 1
        return over <= TODAY.year * 12 + TODAY.month - 1

    return {
        **result,
        "cohort": [row for row in result["cohort"] if quarter_over(row)],
        "churn": [
            row
            for row in result["churn"]
            if int(row[churn_fields.index("year")]) <= TODAY.year
        ],
    }


def fingerprint(env):
    """Write the story into ``env``'s company and read back its numbers."""
    story = env["client.base.demo.story"]
    story._generate(scale=SCALE, seed=SEED, today=TODAY)
    # the year the reference replayed (the story replays two since)
    story._demo_statuses_and_churn(seed=SEED, today=TODAY, months=12)
    company = env.company
    Run = env["client.base.analysis.run"]
    Run.search([]).write({"active": False})
    run = Run.create(
        {
            **Run._default_values_for(company, date_to=PERIOD[1]),
            "date_from": PERIOD[0],
            "date_to": PERIOD[1],
            "basis": "revenue",
            # the XYZ limits the reference was written with (the defaults
            # were 10% / 25% of monthly variation then)
            "xyz_x": 10.0,
            "xyz_y": 25.0,
        }
    )
    run.action_run()
    env.flush_all()
    env.invalidate_all()
    clients = env["res.partner"].with_company(company).search([STORY_CLIENTS])
    statuses = sorted(
        [
            client.ref,
            client.client_status or None,
            str(client.client_first_order_date or ""),
            str(client.client_last_order_date or ""),
            client.client_order_count,
            _number(client.client_order_gap_days),
        ]
        for client in clients
    )
    history = _rows(
        env,
        "client.base.status.history",
        ["partner_id", "status_from", "status_to", "cause"],
        OF_STORY_CLIENTS,
    )
    lines = _rows(
        env,
        "client.base.analysis.line",
        [
            "partner_id", "revenue", "share", "rank", "abc_class", "xyz_class",
            "variation", "recency", "frequency", "r_score", "f_score", "m_score",
            "rfm_segment",
        ],
        [("run_id", "=", run.id)],
    )  # fmt: skip
    return settled(
        {
            "statuses": statuses,
            "history": history,
            "analysis": lines,
            "repeat": _rows(
                env,
                "client.base.health.repeat",
                [
                    "partner_id",
                    "month",
                    "is_repeat",
                    "revenue",
                    "repeat_revenue",
                    "order_count",
                ],
                OF_STORY_CLIENTS,
            ),
            "churn": _rows(
                env,
                "client.base.health.churn",
                [
                    "partner_id",
                    "year",
                    "client_count",
                    "lost_count",
                    "previous_revenue",
                ],
                OF_STORY_CLIENTS,
            ),
            "acquisition": _rows(
                env,
                "client.base.health.acquisition",
                ["partner_id", "month", "source_id", "new_client_count"],
                OF_STORY_CLIENTS,
            ),
            "cohort": _rows(
                env,
                "client.base.health.cohort",
                ["partner_id", "cohort_month", "quarter", "retained"],
                OF_STORY_CLIENTS,
            ),
        }
    )


def main(conf, dbname, out):
    import odoo
    from odoo.api import SUPERUSER_ID, Environment

    odoo.tools.config.parse_config(["-c", conf, "--log-level=warn"])
    registry = odoo.modules.registry.Registry.new(dbname)
    with registry.cursor() as cr:
        env = Environment(cr, SUPERUSER_ID, {})
        result = fingerprint(env)
        cr.rollback()
    with open(out, "w", encoding="utf-8") as file:
        json.dump(result, file, indent=0, sort_keys=True)
        file.write("\n")


if __name__ == "__main__":
    main(*sys.argv[1:4])
