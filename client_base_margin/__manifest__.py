{
    "name": "Client Base Margin",
    "summary": "Client Base with Odoo's margins: each purchase's gross margin, "
    "clients ranked by it",
    "version": "18.0.1.0.0",
    "category": "Sales/Client Base",
    "website": "https://github.com/client-base/client-base",
    "author": "Client Base contributors",
    "license": "LGPL-3",
    "depends": ["client_base", "sale_margin"],
    "data": [],
    "auto_install": True,
    "uninstall_hook": "uninstall_hook",
}
