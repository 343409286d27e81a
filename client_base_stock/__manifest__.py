{
    "name": "Client Base Stock",
    "summary": "Client Base with Odoo's stock: feedback requested after delivery",
    "version": "18.0.1.0.0",
    "category": "Sales/Client Base",
    "website": "https://github.com/client-base/client-base",
    "author": "Client Base contributors",
    "license": "LGPL-3",
    "depends": ["client_base", "sale_stock"],
    "data": [],
    "auto_install": True,
}
