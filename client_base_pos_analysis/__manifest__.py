{
    "name": "Client Base Point of Sale Analysis",
    "summary": "The till in Client Base's analyses: card penetration in the "
    "yearly review",
    "version": "18.0.1.0.0",
    "category": "Sales/Client Base",
    "website": "https://github.com/client-base/client-base",
    "author": "Client Base contributors",
    "license": "LGPL-3",
    "depends": ["client_base_pos", "client_base_analysis"],
    "data": ["report/client_base_yearly_review_report.xml"],
    "auto_install": True,
}
