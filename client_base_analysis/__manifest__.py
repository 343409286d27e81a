{
    "name": "Client Base Analysis",
    "summary": "Know your clients: ABC, XYZ, RFM, base health, action lists "
    "and the yearly client-base review",
    "version": "18.0.1.0.0",
    "category": "Sales/Client Base",
    "website": "https://github.com/client-base/client-base",
    "author": "Client Base contributors",
    "license": "LGPL-3",
    "depends": ["client_base", "sale"],
    "data": [
        "views/client_base_analysis_menus.xml",
    ],
}
