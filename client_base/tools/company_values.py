"""Company-dependent fields in SQL: Odoo keeps them as one jsonb column of
``{company id: value}`` per record; these build the expressions that read and
write one company's value of such a column."""

from odoo.tools import SQL


def company_value(column, key, cast):
    """SQL: the value of ``column`` (SQL) for company ``key`` (its id as a
    string), cast to ``cast`` (an SQL type name)."""
    return SQL("(%s ->> %s)::%s", column, key, SQL(cast))


def set_company_value(column, key, value):
    """SQL: ``column`` with the company's value set to ``value`` (SQL)."""
    return SQL("COALESCE(%s, '{}') || jsonb_build_object(%s, %s)", column, key, value)


def unset_company_value(column, key):
    """SQL: ``column`` without the company's value."""
    return SQL("COALESCE(%s, '{}') - %s", column, key)
