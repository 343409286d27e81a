from odoo import api, fields, models
from odoo.tools import SQL

from .client_base_analysis_line import ABC, ABC_XYZ, SEGMENTS, XYZ
from .client_base_strategic_score import LEVELS, PRIORITIES

# client field -> column of client_base_analysis_line
CLASS_COLUMNS = {
    "client_abc_class": "abc_class",
    "client_xyz_class": "xyz_class",
    "client_abc_xyz_class": "abc_xyz_class",
    "client_rfm_segment": "rfm_segment",
}


class ResPartner(models.Model):
    """A client's current classes are those of its line in the company's latest
    finished analysis: read from the snapshot, never copied onto 100,000
    partners. Filters, group-bys and other features reach them through SQL."""

    _inherit = "res.partner"

    client_abc_class = fields.Selection(
        ABC,
        string="ABC Class",
        compute="_compute_client_analysis_classes",
        search="_search_client_abc_class",
        groups="client_base.group_client_base_user",
    )
    client_xyz_class = fields.Selection(
        XYZ,
        string="XYZ Class",
        compute="_compute_client_analysis_classes",
        search="_search_client_xyz_class",
        groups="client_base.group_client_base_user",
    )
    client_abc_xyz_class = fields.Selection(
        ABC_XYZ,
        string="ABC×XYZ",
        compute="_compute_client_analysis_classes",
        search="_search_client_abc_xyz_class",
        groups="client_base.group_client_base_user",
    )
    client_rfm_segment = fields.Selection(
        SEGMENTS,
        string="RFM Segment",
        compute="_compute_client_analysis_classes",
        search="_search_client_rfm_segment",
        groups="client_base.group_client_base_user",
    )

    client_strategic_score_ids = fields.One2many(
        "client.base.strategic.score",
        "partner_id",
        string="Strategic Scores",
        groups="client_base.group_client_base_user",
    )
    client_strategic_score = fields.Float(
        string="Strategic Score",
        compute="_compute_client_strategic",
        search="_search_client_strategic_score",
        digits=(16, 1),
        groups="client_base.group_client_base_user",
        help="0 to 100: the client's scores on the company's strategic criteria "
        "(each 1 to 5), weighted: 0 when every criterion is scored 1, 100 when "
        "every one is scored 5.",
    )
    client_strategic_level = fields.Selection(
        LEVELS,
        string="Strategic Level",
        compute="_compute_client_strategic",
        search="_search_client_strategic_level",
        groups="client_base.group_client_base_user",
    )
    client_priority = fields.Selection(
        PRIORITIES,
        string="Priority",
        compute="_compute_client_strategic",
        search="_search_client_priority",
        groups="client_base.group_client_base_user",
        help="The cell of the strategic matrix: ABC class by strategic level.",
    )

    @api.depends_context("company", "uid")
    def _compute_client_strategic(self):
        """Read from the strategic matrix as the current user: its rules show
        a salesperson their own clients' scores only."""
        self.env["client.base.strategic.score"].flush_model()
        cells = {
            cell.partner_id.id: cell
            for cell in self.env["client.base.strategic.matrix"].search(
                [
                    ("company_id", "=", self.env.company.id),
                    ("partner_id", "in", self.commercial_partner_id.ids),
                ]
            )
        }
        for partner in self:
            cell = cells.get(partner.commercial_partner_id.id)
            partner.client_strategic_score = cell.strategic_score if cell else 0.0
            partner.client_strategic_level = cell.strategic_level if cell else False
            partner.client_priority = cell.priority if cell else False

    def _search_client_strategic(self, fname, operator, value):
        """Clients whose matrix cell (visible to the current user) matches;
        ``= False`` also finds the clients the matrix does not hold."""
        self.env["client.base.strategic.score"].flush_model()
        Matrix = self.env["client.base.strategic.matrix"]
        company = [("company_id", "=", self.env.company.id)]
        if value is False and operator in ("=", "!="):
            set_cells = Matrix._search([*company, (fname, "!=", False)])
            inside = "not in" if operator == "=" else "in"
            return [("id", inside, set_cells.subselect("partner_id"))]
        cells = Matrix._search([*company, (fname, operator, value)])
        return [("id", "in", cells.subselect("partner_id"))]

    def _search_client_strategic_score(self, operator, value):
        return self._search_client_strategic("strategic_score", operator, value)

    def _search_client_strategic_level(self, operator, value):
        return self._search_client_strategic("strategic_level", operator, value)

    def _search_client_priority(self, operator, value):
        return self._search_client_strategic("priority", operator, value)

    @api.model
    def _client_analysis_columns(self):
        """``{client field: column of client_base_analysis_line}``: the
        client's values read from its line in the current run. A hook."""
        return dict(CLASS_COLUMNS)

    @api.model
    def _client_analysis_current_sql(self, company=None):
        """The current classes of ``company``'s clients: one row per client of
        its latest finished run (after a merge, the client's best-ranked line)."""
        run_id = self.env["client.base.analysis.run"]._current_run_id(
            company or self.env.company
        )
        return SQL(
            """
            SELECT DISTINCT ON (partner_id) partner_id, %s
              FROM client_base_analysis_line
             WHERE run_id = %s
             ORDER BY partner_id, rank
            """,
            SQL(", ").join(
                SQL.identifier(column)
                for column in self._client_analysis_columns().values()
            ),
            run_id,
        )

    @api.depends_context("company")
    def _compute_client_analysis_classes(self):
        columns = self._client_analysis_columns()
        classes = {}
        if self.ids:
            self.env.cr.execute(
                SQL(
                    "SELECT * FROM (%s) classes WHERE partner_id IN %s",
                    self._client_analysis_current_sql(),
                    tuple(self.ids),
                )
            )
            classes = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        for partner in self:
            values = classes.get(partner.id) or (None,) * len(columns)
            for fname, value in zip(columns, values, strict=True):
                field = self._fields[fname]
                if value is None:
                    value = 0.0 if field.type == "float" else False
                partner[fname] = value

    def _field_to_sql(self, alias, fname, query=None, flush=True):
        column = self._client_analysis_columns().get(fname)
        if not column:
            return super()._field_to_sql(alias, fname, query, flush)
        current = self._client_analysis_current_sql()
        if query is None:
            return self._client_base_mask_sql(
                alias,
                fname,
                SQL(
                    "(SELECT classes.%s FROM (%s) classes"
                    " WHERE classes.partner_id = %s)",
                    SQL.identifier(column),
                    current,
                    SQL.identifier(alias, "id"),
                ),
            )
        current_alias = query.make_alias(alias, "client_analysis")
        query.add_join(
            "LEFT JOIN",
            current_alias,
            SQL("(%s)", current),
            SQL(
                "%s = %s",
                SQL.identifier(current_alias, "partner_id"),
                SQL.identifier(alias, "id"),
            ),
        )
        return self._client_base_mask_sql(
            alias, fname, SQL.identifier(current_alias, column)
        )

    def _search_client_analysis_class(self, fname, operator, value):
        if operator not in ("=", "!=", "in", "not in"):
            raise NotImplementedError(operator)
        values = value if isinstance(value, list | tuple) else [value]
        classes = tuple(v for v in values if v)
        current = self._client_analysis_current_sql()
        column = SQL.identifier(CLASS_COLUMNS[fname])
        domain = []
        if classes:
            domain = [
                (
                    "id",
                    "in",
                    SQL(
                        "(SELECT partner_id FROM (%s) classes WHERE %s IN %s)",
                        current,
                        column,
                        classes,
                    ),
                )
            ]
        if len(classes) < len(values):  # False: clients without a class
            without = (
                "id",
                "not in",
                SQL(
                    "(SELECT partner_id FROM (%s) classes WHERE %s IS NOT NULL)",
                    current,
                    column,
                ),
            )
            domain = ["|", *domain, without] if domain else [without]
        if not domain:
            domain = [(0, "=", 1)]
        return ["!", *domain] if operator in ("!=", "not in") else domain

    def _search_client_abc_class(self, operator, value):
        return self._search_client_analysis_class("client_abc_class", operator, value)

    def _search_client_xyz_class(self, operator, value):
        return self._search_client_analysis_class("client_xyz_class", operator, value)

    def _search_client_abc_xyz_class(self, operator, value):
        return self._search_client_analysis_class(
            "client_abc_xyz_class", operator, value
        )

    def _search_client_rfm_segment(self, operator, value):
        return self._search_client_analysis_class("client_rfm_segment", operator, value)

    @api.model
    def _client_analysis_invalidate(self):
        self.invalidate_model(list(self._client_analysis_columns()))

    # -- contact standards may target the ABC class -------------------------

    @api.model
    def _client_contact_client_columns(self, company):
        Run = self.env["client.base.analysis.run"]
        return [
            *super()._client_contact_client_columns(company),
            SQL(
                "%s AS abc_class",
                Run._current_abc_class_sql(
                    SQL("partner.id"), Run._current_run_id(company)
                ),
            ),
        ]

    @api.model
    def _client_contact_rule_scopes(self):
        return [
            *super()._client_contact_rule_scopes(),
            ("client_abc_class", SQL("rule.client_abc_class = c.abc_class")),
        ]

    # -- the client at a glance: its ABC class ------------------------------

    def _client_badge(self):
        badges = super()._client_badge()
        partners = self.sudo().filtered(lambda p: p.id in badges)
        for partner in partners:
            abc = partner.commercial_partner_id.client_abc_class
            if abc:
                badges[partner.id].append(
                    {
                        "kind": "abc",
                        "value": abc,
                        "label": self.env._("Class %(abc)s", abc=abc),
                    }
                )
        return badges
