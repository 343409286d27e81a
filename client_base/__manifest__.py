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
    "depends": ["sale_management", "crm", "survey", "rating"],
    "data": [
        "security/client_base_groups.xml",
        "security/ir.model.access.csv",
        "security/client_base_security.xml",
        "data/client_base_data.xml",
        "data/client_base_winback_data.xml",
        "data/client_base_source_data.xml",
        "views/client_base_churn_reason_views.xml",
        "views/client_base_status_history_views.xml",
        "views/client_base_source_views.xml",
        "views/res_partner_views.xml",
        "views/sale_report_views.xml",
        "views/res_config_settings_views.xml",
        "wizard/client_base_handover_views.xml",
        "wizard/client_base_mark_lost_views.xml",
        "views/client_base_menus.xml",
    ],
    "demo": [
        "demo/client_base_churn_reason_demo.xml",
        "demo/client_base_demo.xml",
    ],
    "post_init_hook": "_post_init_compute_statuses",
    "assets": {
        "web.assets_tests": [
            "client_base/static/tests/tours/*.js",
        ],
    },
}
