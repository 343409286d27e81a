"""18.0.1.1.0: the analysis' own "posted invoices" basis became the company's
*Purchases Counted From* setting (client_base), which every figure follows.

A company that ranked its clients by invoices now counts its purchases from
invoices; its runs keep what they were computed from in ``purchase_basis``
(a revenue run already read the company's purchases, on the company's basis).
The companies moved to the invoice basis have their statuses recomputed by
``post-migrate.py``."""

from odoo.tools import SQL

MOVED = "client_base_analysis.migration_18_0_1_1_0_companies"


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        SQL(
            """
            ALTER TABLE client_base_analysis_run
              ADD COLUMN IF NOT EXISTS purchase_basis varchar;
            UPDATE client_base_analysis_run run
               SET purchase_basis = CASE
                       WHEN run.basis = 'invoice' THEN 'invoice'
                       ELSE COALESCE(company.client_purchase_basis, 'order') END,
                   basis = CASE WHEN run.basis = 'invoice' THEN 'revenue'
                                ELSE run.basis END
              FROM res_company company
             WHERE company.id = run.company_id AND run.purchase_basis IS NULL
            """
        )
    )
    cr.execute(
        SQL(
            """
            UPDATE res_company
               SET client_purchase_basis = 'invoice', client_analysis_basis = 'revenue'
             WHERE client_analysis_basis = 'invoice'
                   AND COALESCE(client_purchase_basis, 'order') <> 'invoice'
         RETURNING id
            """
        )
    )
    moved = [row[0] for row in cr.fetchall()]
    cr.execute(
        SQL(
            "UPDATE res_company SET client_analysis_basis = 'revenue'"
            " WHERE client_analysis_basis = 'invoice'"
        )
    )
    if moved:
        cr.execute(
            SQL(
                "INSERT INTO ir_config_parameter (key, value) VALUES (%s, %s)"
                " ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                MOVED,
                ",".join(map(str, moved)),
            )
        )
