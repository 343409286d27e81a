{
    "name": "Client Base Point of Sale",
    "summary": "Client Base with Odoo's Point of Sale: purchases at the till count "
    "for every figure",
    "version": "18.0.1.0.0",
    "category": "Sales/Client Base",
    "website": "https://github.com/client-base/client-base",
    "author": "Client Base contributors",
    "license": "LGPL-3",
    # pos_sale installs itself with point_of_sale and sale_management, which
    # client_base needs: the POS lines settling a sale order are known there
    "depends": ["client_base", "pos_sale"],
    "data": [
        "security/ir.model.access.csv",
        "security/client_base_pos_security.xml",
        "data/client_base_pos_feedback_data.xml",
        "report/client_base_pos_penetration_views.xml",
        "views/res_config_settings_views.xml",
    ],
    "demo": ["demo/client_base_pos_demo.xml"],
    "assets": {
        "point_of_sale._assets_pos": ["client_base_pos/static/src/**/*"],
        "web.assets_tests": ["client_base_pos/static/tests/tours/**/*"],
    },
    "auto_install": True,
    "uninstall_hook": "uninstall_hook",
}
