{
    "name": "Client Base",
    "summary": "Manage the client base: who your clients are, which matter, "
    "who is slipping away and why",
    "version": "18.0.1.0.0",
    "category": "Sales/Client Base",
    "website": "https://github.com/client-base/client-base",
    "author": "Client Base contributors",
    "license": "LGPL-3",
    "application": True,
    "installable": True,
    "depends": ["sale_management", "crm", "survey", "rating"],
    "data": [
        "security/client_base_groups.xml",
        "security/ir.model.access.csv",
        "views/res_partner_views.xml",
        "views/sale_report_views.xml",
        "views/client_base_menus.xml",
    ],
    "demo": [
        "demo/client_base_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "client_base/static/tests/tours/*.js",
        ],
    },
}
