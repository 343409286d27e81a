from .sql_view import replace_view
