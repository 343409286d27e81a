{
    "name": "Client Base Loyalty",
    "summary": "Keep clients: discount cards, tiers, birthday offers and "
    "consent-aware campaign audiences",
    "version": "18.0.1.0.0",
    "category": "Sales/Client Base",
    "website": "https://github.com/client-base/client-base",
    "author": "Client Base contributors",
    "license": "LGPL-3",
    "depends": [
        "client_base",
        "loyalty",
        "sale_loyalty",
        "mass_mailing",
        "mass_mailing_sms",
    ],
    "data": [
        "security/ir.model.access.csv",
        "security/client_base_loyalty_security.xml",
        "data/client_base_loyalty_data.xml",
        "data/client_base_loyalty_templates.xml",
        "views/loyalty_program_views.xml",
        "views/loyalty_card_views.xml",
        "views/client_base_loyalty_tier_views.xml",
        "views/client_base_loyalty_tier_history_views.xml",
        "views/client_base_loyalty_offer_views.xml",
        "views/client_base_audience_views.xml",
        "views/mailing_mailing_views.xml",
        "views/res_partner_views.xml",
        "wizard/client_base_card_issue_views.xml",
        "views/client_base_loyalty_menus.xml",
    ],
    "demo": [
        "demo/client_base_loyalty_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "client_base_loyalty/static/tests/tours/*.js",
        ],
    },
}
