import importlib.util
from pathlib import Path

from odoo.tests import tagged
from odoo.tools import SQL

from odoo.addons.client_base.tests.common import post_invoice

from ..models.client_base_analysis_line import XYZ_DEFAULT_X, XYZ_DEFAULT_Y
from .common import AnalysisCase, month

MIGRATIONS = Path(__file__).parent.parent / "migrations"


def load_migration(version, name):
    path = MIGRATIONS / version / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"{name}_{version}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@tagged("post_install", "-at_install")
class TestMigrations(AnalysisCase):
    def test_invoice_basis_becomes_the_companys_purchases(self):
        """18.0.1.1.0: the analysis' former "posted invoices" basis."""
        partner = self.env["res.partner"].create({"name": "Buyer", "is_company": True})
        self._order(partner, month(3), 100)
        self._order(partner, month(4), 100)
        post_invoice(self.env, partner, month(4).date(), 100)
        self.assertEqual(partner.client_order_count, 2, "Orders are the purchases")
        by_invoices, by_orders = self._run(), self._run()
        other = self.env["res.company"].create({"name": "Orders Ltd"})
        self.env.flush_all()
        cr = self.env.cr
        cr.execute(
            SQL(
                "UPDATE res_company SET client_analysis_basis = 'invoice'"
                " WHERE id = %s",
                self.company.id,
            )
        )
        # the table as 18.0.1.0.0 had it
        cr.execute(
            SQL("ALTER TABLE client_base_analysis_run DROP COLUMN purchase_basis")
        )
        cr.execute(
            SQL(
                "UPDATE client_base_analysis_run SET basis = 'invoice' WHERE id = %s",
                by_invoices.id,
            )
        )
        load_migration("18.0.1.1.0", "pre-migrate").migrate(cr, "18.0.1.0.0")
        self.env.invalidate_all()
        load_migration("18.0.1.1.0", "post-migrate").migrate(cr, "18.0.1.0.0")
        self.env.invalidate_all()
        self.assertEqual(partner.client_order_count, 1, "Its invoice is, now")
        self.assertEqual(
            (self.company.client_purchase_basis, self.company.client_analysis_basis),
            ("invoice", "revenue"),
        )
        self.assertEqual(
            (other.client_purchase_basis, other.client_analysis_basis),
            ("order", "revenue"),
        )
        self.assertEqual(
            (by_invoices.basis, by_invoices.purchase_basis), ("revenue", "invoice")
        )
        self.assertEqual(
            (by_orders.basis, by_orders.purchase_basis), ("revenue", "order")
        )

    def test_client_xyz_limits_replace_the_product_ones(self):
        """18.0.1.2.0: companies on the old 10% / 25% get the client limits,
        a company with limits of its own keeps them."""
        own = self.env["res.company"].create({"name": "Own Limits Ltd"})
        self.env.flush_all()
        cr = self.env.cr
        cr.execute(
            SQL(
                "UPDATE res_company SET client_xyz_x = 10, client_xyz_y = 25"
                " WHERE id = %s",
                self.company.id,
            )
        )
        cr.execute(
            SQL(
                "UPDATE res_company SET client_xyz_x = 10, client_xyz_y = 40"
                " WHERE id = %s",
                own.id,
            )
        )
        load_migration("18.0.1.2.0", "post-migrate").migrate(cr, "18.0.1.1.0")
        self.env.invalidate_all()
        self.assertEqual(
            (self.company.client_xyz_x, self.company.client_xyz_y),
            (XYZ_DEFAULT_X, XYZ_DEFAULT_Y),
        )
        self.assertEqual((own.client_xyz_x, own.client_xyz_y), (10, 40))
