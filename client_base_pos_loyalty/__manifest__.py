{
    "name": "Client Base Point of Sale Loyalty",
    "summary": "Client Base cards and tiers at the till",
    "version": "18.0.1.0.0",
    "category": "Sales/Client Base",
    "website": "https://github.com/client-base/client-base",
    "author": "Client Base contributors",
    "license": "LGPL-3",
    "depends": ["client_base_pos", "client_base_loyalty", "pos_loyalty"],
    "data": ["security/ir.model.access.csv"],
    "demo": ["demo/client_base_pos_loyalty_demo.xml"],
    "assets": {
        "point_of_sale._assets_pos": ["client_base_pos_loyalty/static/src/**/*"],
        "web.assets_tests": ["client_base_pos_loyalty/static/tests/tours/**/*"],
    },
    "auto_install": True,
}
