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
        clear = SQL(", ").join(
            SQL("%s = %s - %s", SQL.identifier(column), SQL.identifier(column), key)
            for column in CLASS_COLUMNS
        )
        assign = SQL(", ").join(
            SQL(
                "%s = COALESCE(p.%s, '{}') || jsonb_build_object(%s, l.%s)",
                SQL.identifier(column),
                SQL.identifier(column),
                key,
                SQL.identifier(line_column),
            )
            for column, line_column in CLASS_COLUMNS.items()
        )
        self.env.cr.execute(
            SQL(
                "UPDATE res_partner SET %s WHERE client_abc_class ? %s",
                clear,
                key,
            )
        )
        self.env.cr.execute(
            SQL(
                """
                UPDATE res_partner p SET %s
                  FROM client_base_analysis_line l
                 WHERE l.run_id = %s AND l.partner_id = p.id
                """,
                assign,
                run.id,
            )
        )
        self.invalidate_model(list(CLASS_COLUMNS))
