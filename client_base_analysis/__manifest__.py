{
    "name": "Client Base Analysis",
    "summary": "Know your clients: ABC, XYZ, RFM, base health, action lists "
    "and the yearly client-base review",
    "version": "18.0.1.0.0",
    "category": "Sales/Client Base",
    "website": "https://github.com/client-base/client-base",
    "author": "Client Base contributors",
    "license": "LGPL-3",
    "depends": ["client_base", "sale", "utm"],
    "data": [
        "security/ir.model.access.csv",
        "security/client_base_analysis_security.xml",
        "data/client_base_analysis_data.xml",
        "views/client_base_analysis_run_views.xml",
        "report/client_base_purchase_rhythm_views.xml",
        "report/client_base_health_repeat_views.xml",
        "report/client_base_health_churn_views.xml",
        "report/client_base_health_cohort_views.xml",
        "report/client_base_health_acquisition_views.xml",
        "views/client_base_marketing_spend_views.xml",
        "views/res_partner_views.xml",
        "views/client_base_contact_rule_views.xml",
        "views/client_base_order_threshold_views.xml",
        "views/res_config_settings_views.xml",
        "views/client_base_analysis_menus.xml",
    ],
    "demo": ["demo/client_base_analysis_demo.xml"],
    "assets": {
        "web.assets_tests": [
            "client_base_analysis/static/tests/tours/*.js",
        ],
    },
}
