"""18.0.1.1.0: the analysis' own "posted invoices" basis became the company's
*Purchases Counted From* setting (client_base), which every figure follows.

A company that ranked its clients by invoices now counts its purchases from
invoices; its runs keep what they were computed from in ``purchase_basis``."""

from odoo.tools import SQL


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        SQL(
            """
            UPDATE res_company
               SET client_purchase_basis = 'invoice', client_analysis_basis = 'revenue'
             WHERE client_analysis_basis = 'invoice'
            """
        )
    )
    cr.execute(
        SQL(
            """
            ALTER TABLE client_base_analysis_run
              ADD COLUMN IF NOT EXISTS purchase_basis varchar;
            UPDATE client_base_analysis_run
               SET purchase_basis = CASE WHEN basis = 'invoice' THEN 'invoice'
                                         ELSE 'order' END,
                   basis = CASE WHEN basis = 'invoice' THEN 'revenue' ELSE basis END
             WHERE purchase_basis IS NULL
            """
        )
    )
