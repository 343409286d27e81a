from odoo import api, fields, models
from odoo.tools import SQL

from .client_base_analysis_line import ABC, ABC_XYZ, SEGMENTS, XYZ

CLASS_COLUMNS = {
    "client_abc_class": "abc_class",
    "client_xyz_class": "xyz_class",
    "client_abc_xyz_class": "abc_xyz_class",
    "client_rfm_segment": "rfm_segment",
}


class ResPartner(models.Model):
    _inherit = "res.partner"

    # Per company, from the company's latest finished analysis.
    client_abc_class = fields.Selection(
        ABC, string="ABC Class", company_dependent=True, readonly=True
    )
    client_xyz_class = fields.Selection(
        XYZ, string="XYZ Class", company_dependent=True, readonly=True
    )
    client_abc_xyz_class = fields.Selection(
        ABC_XYZ, string="ABC×XYZ", company_dependent=True, readonly=True
    )
    client_rfm_segment = fields.Selection(
        SEGMENTS, string="RFM Segment", company_dependent=True, readonly=True
    )

    @api.model
    def _client_analysis_publish(self, run):
        """Copy a finished run's classes onto the clients, set-based, when it is
        the company's latest run; clients absent from it lose their classes."""
        latest = self.env["client.base.analysis.run"].search(
            [("company_id", "=", run.company_id.id), ("state", "=", "done")],
            order="date_to desc, id desc",
            limit=1,
        )
        if latest != run:
            return
        key = str(run.company_id.id)
        # One statement over the clients that had classes or get some, writing
        # only those whose classes change.
        assign = SQL(", ").join(
            SQL(
                "%(col)s = (COALESCE(p.%(col)s, '{}') - %(key)s)"
                " || COALESCE(jsonb_build_object(%(key)s, t.%(line_col)s), '{}')",
                col=SQL.identifier(column),
                key=key,
                line_col=SQL.identifier(line_column),
            )
            for column, line_column in CLASS_COLUMNS.items()
        )
        changed = SQL(" OR ").join(
            SQL(
                "p.%s ->> %s IS DISTINCT FROM t.%s",
                SQL.identifier(column),
                key,
                SQL.identifier(line_column),
            )
            for column, line_column in CLASS_COLUMNS.items()
        )
        self.env.cr.execute(
            SQL(
                """
                UPDATE res_partner p SET %(assign)s
                  FROM (SELECT partner.id, line.abc_class, line.xyz_class,
                               line.abc_xyz_class, line.rfm_segment
                          FROM res_partner partner
                          LEFT JOIN client_base_analysis_line line
                            ON line.partner_id = partner.id AND line.run_id = %(run)s
                         WHERE line.id IS NOT NULL
                            OR partner.client_abc_class ? %(key)s) t
                 WHERE p.id = t.id AND (%(changed)s)
                """,
                assign=assign,
                run=run.id,
                key=key,
                changed=changed,
            )
        )
        self.invalidate_model(list(CLASS_COLUMNS))
