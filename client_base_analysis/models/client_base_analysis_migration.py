from odoo import fields, models, tools
from odoo.tools import SQL

from .client_base_analysis_line import ABC, ABC_XYZ, SEGMENTS


def _side(selection, side, empty):
    """``selection`` with each label prefixed by the side of the migration
    it is on, "Before: A", "After: A", and a value for no class: the pivot's
    rows are the classes before, its columns those after, and each header
    says which side it is on."""
    return [(key, f"{side}: {label}") for key, label in selection] + [
        ("none", f"{side}: {empty}")
    ]


ABC_BEFORE = _side(ABC, "Before", "no class")
ABC_AFTER = _side(ABC, "After", "no class")
ABC_XYZ_BEFORE = _side(ABC_XYZ, "Before", "no class")
ABC_XYZ_AFTER = _side(ABC_XYZ, "After", "no class")
SEGMENTS_BEFORE = _side(SEGMENTS, "Before", "no segment")
SEGMENTS_AFTER = _side(SEGMENTS, "After", "no segment")
# first id of the rows of clients who dropped out of an analysis (line ids of
# the previous run shifted past the line ids of the current one)
DROPPED_ID_OFFSET = 2**31


class ClientBaseAnalysisMigration(models.Model):
    """How clients moved between an analysis and the one before it: one row per
    client present in either, with its classes before and after."""

    _name = "client.base.analysis.migration"
    _inherit = "client.base.readable.report"
    _description = "Client Class Migration"
    _currency_amounts = ("revenue_from", "revenue_to")
    _auto = False
    _order = "run_id desc, revenue_to desc"
    _rec_name = "partner_id"
    _depends = {  # noqa: RUF012
        "client.base.analysis.run": ["company_id", "date_to", "state", "active"],
        "client.base.analysis.line": [
            "run_id", "partner_id", "abc_class", "abc_xyz_class", "rfm_segment",
            "revenue",
        ],
    }  # fmt: skip

    run_id = fields.Many2one(
        "client.base.analysis.run", string="Analysis", readonly=True
    )
    previous_run_id = fields.Many2one(
        "client.base.analysis.run", string="Previous Analysis", readonly=True
    )
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    is_current = fields.Boolean(string="Latest Analysis", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    abc_from = fields.Selection(ABC_BEFORE, string="ABC Before", readonly=True)
    abc_to = fields.Selection(ABC_AFTER, string="ABC After", readonly=True)
    abc_xyz_from = fields.Selection(
        ABC_XYZ_BEFORE, string="ABC×XYZ Before", readonly=True
    )
    abc_xyz_to = fields.Selection(ABC_XYZ_AFTER, string="ABC×XYZ After", readonly=True)
    segment_from = fields.Selection(
        SEGMENTS_BEFORE, string="Segment Before", readonly=True
    )
    segment_to = fields.Selection(SEGMENTS_AFTER, string="Segment After", readonly=True)
    movement = fields.Selection(
        [
            ("up", "Moved up"),
            ("same", "Same class"),
            ("down", "Moved down"),
            ("new", "Newly classified"),
            ("dropped", "No longer classified"),
        ],
        readonly=True,
        help="ABC class movement: A is the top class.",
    )
    revenue_from = fields.Monetary(string="Revenue Before", readonly=True)
    revenue_to = fields.Monetary(string="Revenue After", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                """
                CREATE VIEW %(view)s AS (
                SELECT COALESCE(pair.cur_id, %(offset)s + pair.prev_id) AS id,
                       runs.id AS run_id, runs.previous_run_id, runs.company_id,
                       runs.is_current, pair.partner_id,
                       COALESCE(pair.abc_from, 'none') AS abc_from,
                       COALESCE(pair.abc_to, 'none') AS abc_to,
                       COALESCE(pair.abc_xyz_from, 'none') AS abc_xyz_from,
                       COALESCE(pair.abc_xyz_to, 'none') AS abc_xyz_to,
                       COALESCE(pair.segment_from, 'none') AS segment_from,
                       COALESCE(pair.segment_to, 'none') AS segment_to,
                       CASE WHEN pair.prev_id IS NULL THEN 'new'
                            WHEN pair.cur_id IS NULL THEN 'dropped'
                            WHEN pair.abc_to < pair.abc_from THEN 'up'
                            WHEN pair.abc_to > pair.abc_from THEN 'down'
                            ELSE 'same' END AS movement,
                       COALESCE(pair.revenue_from, 0) AS revenue_from,
                       COALESCE(pair.revenue_to, 0) AS revenue_to
                  FROM (SELECT run.id, run.company_id,
                               (%(previous)s) AS previous_run_id,
                               run.id = (
                                   SELECT latest.id
                                     FROM client_base_analysis_run latest
                                    WHERE latest.company_id = run.company_id
                                      AND latest.state = 'done' AND latest.active
                                    ORDER BY latest.date_to DESC, latest.id DESC
                                    LIMIT 1
                               ) AS is_current
                          FROM client_base_analysis_run run
                         WHERE run.state = 'done' AND run.active) runs
                 CROSS JOIN LATERAL (
                       SELECT cur.id AS cur_id, prev.id AS prev_id,
                              COALESCE(cur.partner_id, prev.partner_id) AS partner_id,
                              prev.abc_class AS abc_from, cur.abc_class AS abc_to,
                              prev.abc_xyz_class AS abc_xyz_from,
                              cur.abc_xyz_class AS abc_xyz_to,
                              prev.rfm_segment AS segment_from,
                              cur.rfm_segment AS segment_to,
                              prev.revenue AS revenue_from, cur.revenue AS revenue_to
                         FROM (SELECT * FROM client_base_analysis_line
                                WHERE run_id = runs.id) cur
                         FULL JOIN (SELECT * FROM client_base_analysis_line
                                     WHERE run_id = runs.previous_run_id) prev
                           ON prev.partner_id = cur.partner_id
                       ) pair
                )
                """,
                view=SQL.identifier(self._table),
                offset=DROPPED_ID_OFFSET,
                previous=self.env["client.base.analysis.run"]._previous_run_sql(
                    SQL("run.id")
                ),
            )
        )

    def action_open_client(self):
        self.ensure_one()
        return self.partner_id.get_formview_action()
