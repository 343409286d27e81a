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
        "views/client_base_loyalty_menus.xml",
    ],
}
