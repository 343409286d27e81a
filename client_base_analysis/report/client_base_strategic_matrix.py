from odoo import fields, models
from odoo.tools import SQL

from ..models.client_base_analysis_line import ABC
from ..models.client_base_strategic_score import LEVELS, PRIORITIES, PRIORITY_MATRIX


class ClientBaseStrategicMatrix(models.Model):
    """The strategic matrix: for each client of a company, its ABC class in
    the latest finished analysis and its strategic score, the weighted
    average of its 1-5 scores turned into 0-100 (1 is 0, 5 is 100; criteria
    not scored are left out), the level it reaches (company settings) and the
    priority of the class x level cell."""

    _name = "client.base.strategic.matrix"
    _description = "Strategic Matrix"
    _inherit = "client.base.currency.report"
    _auto = False
    _currency_amounts = ("revenue",)
    _order = "priority, strategic_score desc, partner_id"
    _rec_name = "partner_id"
    _depends = {  # noqa: RUF012
        "client.base.strategic.score": ["partner_id", "criterion_id", "score",
                                        "company_id"],
        "client.base.strategic.criterion": ["weight", "active"],
        "client.base.analysis.run": ["company_id", "date_to", "state", "active"],
        "client.base.analysis.line": ["run_id", "partner_id", "abc_class", "revenue"],
        "res.company": ["client_strategic_high", "client_strategic_medium"],
        "res.partner": ["user_id"],
    }  # fmt: skip

    company_id = fields.Many2one("res.company", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Client", readonly=True)
    user_id = fields.Many2one("res.users", string="Salesperson", readonly=True)
    abc_class = fields.Selection(ABC, string="ABC Class", readonly=True)
    revenue = fields.Monetary(readonly=True, help="In the latest analysis.")
    strategic_score = fields.Float(readonly=True, aggregator="avg", digits=(16, 1))
    criteria_scored = fields.Integer(readonly=True)
    strategic_level = fields.Selection(LEVELS, readonly=True)
    priority = fields.Selection(PRIORITIES, readonly=True)
    client_count = fields.Integer(string="Clients", readonly=True)

    def _priority_sql(self):
        return SQL(
            "CASE %s END",
            SQL(" ").join(
                SQL(
                    # scored but not in the analysis: it bought nothing, a C
                    "WHEN COALESCE(abc_class, 'C') = %s AND strategic_level = %s "
                    "THEN %s",
                    abc,
                    level,
                    priority,
                )
                for (abc, level), priority in PRIORITY_MATRIX.items()
            ),
        )

    def _company_rows_sql(self):
        return SQL(
            """
                WITH scored AS (
                    SELECT score.company_id, score.partner_id,
                           100.0 * sum(criterion.weight * (score.score - 1) / 4.0)
                               / sum(criterion.weight) AS strategic_score,
                           count(*) AS criteria_scored
                      FROM client_base_strategic_score score
                      JOIN client_base_strategic_criterion criterion
                        ON criterion.id = score.criterion_id AND criterion.active
                     GROUP BY score.company_id, score.partner_id
                ), classed AS (%(classed)s
                ), cells AS (
                    SELECT COALESCE(scored.company_id, classed.company_id)
                               AS company_id,
                           COALESCE(scored.partner_id, classed.partner_id)
                               AS partner_id,
                           classed.abc_class, classed.revenue,
                           scored.strategic_score,
                           COALESCE(scored.criteria_scored, 0) AS criteria_scored,
                           CASE
                               WHEN scored.strategic_score IS NULL THEN NULL
                               WHEN scored.strategic_score
                                    >= COALESCE(company.client_strategic_high, 70)
                               THEN 'high'
                               WHEN scored.strategic_score
                                    >= COALESCE(company.client_strategic_medium, 40)
                               THEN 'medium'
                               ELSE 'low'
                           END AS strategic_level
                      FROM scored
                      FULL JOIN classed
                        ON classed.company_id = scored.company_id
                       AND classed.partner_id = scored.partner_id
                      JOIN res_company company
                        ON company.id = COALESCE(scored.company_id, classed.company_id)
                )
                SELECT cells.partner_id::bigint * 4096 + cells.company_id AS id,
                       cells.*, client.user_id, 1 AS client_count,
                       %(priority)s AS priority
                  FROM cells
                  JOIN res_partner client ON client.id = cells.partner_id
                """,
            priority=self._priority_sql(),
            classed=self.env["client.base.analysis.run"]._current_lines_sql(),
        )
