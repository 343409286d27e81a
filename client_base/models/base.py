import math

from odoo import api, fields, models, tools
from odoo.exceptions import ValidationError

from .client_base_catalogue import NAME_MAX

INT_MIN, INT_MAX = -(2**31), 2**31 - 1


class Base(models.AbstractModel):
    """Values of the suite's fields that cannot be stored are refused with a
    message saying what is expected, before anything is written: Odoo
    itself turns "abc" for a number, 2000-02-30 for a date or 2^31 for a whole
    number into a raw conversion or database error, and stores names of any
    length."""

    _inherit = "base"

    @api.model_create_multi
    def create(self, vals_list):
        self._client_base_check_values(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._client_base_check_values([vals])
        return super().write(vals)

    @api.model
    @tools.ormcache()
    def _client_base_checked_fields(self):
        """The fields of this model that the suite's addons define: the only
        ones checked, so every other write of Odoo costs a set intersection."""
        return frozenset(
            name
            for name, field in self._fields.items()
            if any(module.startswith("client_base") for module in field._modules)
        )

    @api.model
    def _client_base_check_values(self, vals_list):
        checked = self._client_base_checked_fields()
        if not checked:
            return
        for vals in vals_list:
            for name in checked.intersection(vals):
                value = vals[name]
                if value is False or value is None:
                    continue
                error = self._client_base_value_error(self._fields[name], value)
                if error:
                    raise ValidationError(error)

    def _client_base_value_error(self, field, value):
        """The message refusing ``value`` for ``field``, or None when it fits."""
        label = field._description_string(self.env)
        shown = str(value)[:40].replace("\x00", "␀")
        try:
            if field.type == "integer":
                number = int(value)
                if not INT_MIN <= number <= INT_MAX or number != float(value):
                    raise ValueError
            elif field.type in ("float", "monetary"):
                if not math.isfinite(float(value)):
                    raise ValueError
            elif field.type == "date":
                fields.Date.to_date(value)
            elif field.type == "datetime":
                fields.Datetime.to_datetime(value)
            elif field.type == "many2one":
                self._client_base_check_ids(field, [value])
            elif field.type in ("one2many", "many2many"):
                self._client_base_check_commands(field, value)
            elif (field.type == "boolean" and not isinstance(value, bool | int)) or (
                field.type in ("char", "text", "html", "selection")
                and (not isinstance(value, str) or "\x00" in value)
            ):
                raise TypeError
            elif isinstance(value, str):
                value.encode()  # a lone surrogate cannot be stored
        except (ValueError, TypeError, OverflowError):
            return self._client_base_type_message(field, label, shown)
        if field.type == "selection":
            allowed = dict(field._description_selection(self.env))
            if value not in allowed:
                return self._client_base_type_message(field, label, shown)
        if (
            field.type == "char"
            and field.name == "name"
            and isinstance(value, str)
            and len(value) > NAME_MAX
        ):
            return self.env._(
                "A name has at most %(max)s characters (%(count)s given).",
                max=NAME_MAX,
                count=len(value),
            )
        return None

    @api.model
    def _client_base_check_ids(self, field, values):
        """Record ids as Odoo's writes take them (an id, a record, (id, name)),
        of records that exist."""
        ids = []
        for value in values:
            if isinstance(value, models.BaseModel):
                continue
            if isinstance(value, tuple) and value:
                value = value[0]
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError
            if not 0 < value <= INT_MAX:
                raise ValueError
            ids.append(value)
        if ids and len(self.env[field.comodel_name].sudo().browse(ids).exists()) < len(
            set(ids)
        ):
            raise ValueError

    @api.model
    def _client_base_check_commands(self, field, value):
        """x2many values: a list of ids or of Odoo's commands (Command.*)."""
        if isinstance(value, models.BaseModel):
            return
        if not isinstance(value, list | tuple):
            raise TypeError
        comodel = self.env[field.comodel_name]
        ids = []
        for item in value:
            if not isinstance(item, list | tuple):
                ids.append(item)
                continue
            # command: the length it needs, then its id and values
            sizes = {0: 3, 1: 3, 2: 2, 3: 2, 4: 2, 5: 1, 6: 3}
            if not item or item[0] not in sizes or len(item) < sizes[item[0]]:
                raise ValueError
            if item[0] in (1, 2, 3, 4):
                ids.append(item[1])
            if item[0] == 6:
                if not isinstance(item[2], list | tuple):
                    raise TypeError
                ids.extend(item[2])
            if item[0] in (0, 1) and (
                not isinstance(item[2], dict)
                or any(name not in comodel._fields for name in item[2])
            ):
                raise ValueError
        self._client_base_check_ids(field, ids)

    def _client_base_type_message(self, field, label, shown):
        if field.type == "integer":
            return self.env._(
                "%(field)s takes a whole number, not “%(value)s”.",
                field=label,
                value=shown,
            )
        if field.type in ("float", "monetary"):
            return self.env._(
                "%(field)s takes a number, not “%(value)s”.", field=label, value=shown
            )
        if field.type in ("date", "datetime"):
            return self.env._(
                "%(field)s takes a date that exists (year-month-day), not “%(value)s”.",
                field=label,
                value=shown,
            )
        if field.type in ("many2one", "one2many", "many2many"):
            return self.env._(
                "%(field)s takes a record, not “%(value)s”.", field=label, value=shown
            )
        if field.type == "selection":
            return self.env._(
                "%(field)s takes one of: %(choices)s; not “%(value)s”.",
                field=label,
                choices=", ".join(
                    dict(field._description_selection(self.env)).values()
                ),
                value=shown,
            )
        if field.type == "boolean":
            return self.env._(
                "%(field)s takes yes or no, not “%(value)s”.", field=label, value=shown
            )
        return self.env._(
            "%(field)s takes a text without control characters, not “%(value)s”.",
            field=label,
            value=shown.replace("\x00", "␀"),
        )
