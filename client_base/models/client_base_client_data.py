from odoo import api, fields, models, tools
from odoo.osv import expression
from odoo.tools import SQL

from ..tools import CorrelatedSQL

# Suite fields on partners everybody may read: whether a partner is a client
# of the company (the clients menus list every client; their data is scoped).
OPEN_FIELDS = frozenset({"client_base_is_client", "client_base_data_visible"})


def _empty_matches(operator, value):
    """Whether a domain term (field, operator, value) holds for an empty
    field: what a colleague's client's hidden value is taken to be."""
    empty = (False, None)
    if operator == "=":
        return value in empty
    if operator == "!=":
        return value not in empty
    if operator in ("in", "not in"):
        values = value if isinstance(value, list | tuple | set) else [value]
        has_empty = any(v in empty for v in values)
        return has_empty if operator == "in" else not has_empty
    return operator in ("not like", "not ilike", "not any")


X2MANY = ("one2many", "many2many")


class ClientBaseClientData(models.AbstractModel):
    """A client's data, shown to who may see the client.

    Odoo lets every internal user read every contact, and field groups say who
    reads a field, not whose. The suite's fields on partners (status, sales
    statistics, consent, profile, classes, tiers) follow the access principle
    instead (readme/CONFIGURE.md): a salesperson reads them for their own
    clients and clients without a salesperson; Sales' "All Documents" reads
    every client. For other partners the values read as empty, and searching,
    grouping, sorting or summing by them treats them as empty too, in the SQL
    Odoo builds for every view (``_field_to_sql``), so a filter on a
    colleague's clients' revenue finds nothing and a pivot by status puts them
    under "None". Code of the suite reads the real values (the cache is filled
    unmasked; jobs run as superuser)."""

    _name = "client.base.client.data"
    _description = "Client Data Shown by the Access Principle"

    client_base_data_visible = fields.Boolean(
        string="Client Data Shown",
        compute="_compute_client_base_data_visible",
        search="_search_client_base_data_visible",
        help="Whether you see this client's Client Base data: it is shown to the "
        "client's salesperson, for clients without one to every salesperson, and "
        "to users who see every client (Sales: All Documents).",
    )

    @api.depends_context("uid")
    def _compute_client_base_data_visible(self):
        visible = self._client_base_visible()
        for record in self:
            record.client_base_data_visible = record in visible

    def _search_client_base_data_visible(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise NotImplementedError(operator)
        if self._client_base_sees_all():
            domain = []
        else:
            # it reads the clients' salespeople directly: written first
            self.env["res.partner"].flush_model(["commercial_partner_id", "user_id"])
            # probed per row read (CorrelatedSQL), not over the whole table
            visible = CorrelatedSQL.make(
                SQL(
                    "(SELECT id FROM %s WHERE %s)",
                    SQL.identifier(self._table),
                    self._client_base_visible_sql(self._table),
                ),
                self._client_base_visible_sql,
            )
            domain = [("id", "in", visible)]
        if (operator == "=") == value:
            return domain
        return ["!", *domain] if domain else expression.FALSE_DOMAIN

    def _client_base_visible(self):
        """The records of ``self`` whose client data the current user may
        see (res.partner: those whose client is theirs or has no salesperson)."""
        raise NotImplementedError

    def _client_base_client_sql(self, alias):
        """SQL: the partner a row ``alias`` is about (its client follows)."""
        raise NotImplementedError

    def _client_base_commercial_sql(self, alias):
        """SQL: the client (commercial partner) a row ``alias`` is about,
        where the row itself holds it; None where it is found through the
        partner of ``_client_base_client_sql``."""

    @api.model
    @tools.ormcache()
    def _client_base_scoped_fields(self):
        """Fields of this model that the suite's addons define."""
        return frozenset(
            name
            for name, field in self._fields.items()
            if any(module.startswith("client_base") for module in field._modules)
            and name not in self._client_base_open_fields()
        )

    @api.model
    def _client_base_open_fields(self):
        """Suite fields everybody who may read them reads for every partner
        (extended by addons: the till's client badge)."""
        return OPEN_FIELDS

    def _client_base_sees_all(self):
        return self.env.su or self.env.user.has_group(
            "sales_team.group_sale_salesman_all_leads"
        )

    def _client_base_visible_sql(self, alias):
        """SQL condition: the row ``alias`` is one whose client data the
        current user may see (the SQL twin of ``_client_base_visible``): a
        row about no partner, or whose client (commercial partner) is theirs
        or has no salesperson."""
        if not self.env.user.has_group("client_base.group_client_base_user"):
            return SQL("FALSE")
        commercial = self._client_base_commercial_sql(alias)
        if commercial is not None:
            # one probe of the client by its primary key
            return SQL(
                "NOT EXISTS (SELECT 1 FROM res_partner client_base_client"
                " WHERE client_base_client.id = %s"
                " AND client_base_client.user_id <> %s)",
                commercial,
                self.env.uid,
            )
        return SQL(
            "NOT EXISTS (SELECT 1 FROM res_partner client_base_partner"
            " JOIN res_partner client_base_client"
            " ON client_base_client.id = client_base_partner.commercial_partner_id"
            " WHERE client_base_partner.id = %s"
            " AND client_base_client.user_id <> %s)",
            self._client_base_client_sql(alias),
            self.env.uid,
        )

    def _client_base_mask_sql(self, alias, fname, sql):
        """``sql``, the value of ``fname`` on the partner row ``alias``, as
        the current user may see it: empty for a colleague's client."""
        if (
            self.env.su
            or fname.split(".", 1)[0] not in self._client_base_scoped_fields()
            or self._client_base_sees_all()
        ):
            return sql
        return SQL(
            "(CASE WHEN %s THEN %s END)", self._client_base_visible_sql(alias), sql
        )

    def _condition_to_sql(self, alias, fname, operator, value, query):
        # an ids subquery that is also a condition on the row: written as
        # that condition (see CorrelatedSQL)
        if (
            fname == "id"
            and operator in ("in", "not in")
            and isinstance(value, CorrelatedSQL)
        ):
            condition = value.correlated(alias)
            return condition if operator == "in" else SQL("NOT %s", condition)
        return super()._condition_to_sql(alias, fname, operator, value, query)

    def _field_to_sql(self, alias, fname, query=None, flush=True):
        return self._client_base_mask_sql(
            alias, fname, super()._field_to_sql(alias, fname, query, flush)
        )

    def _fetch_query(self, query, fields):
        # What is fetched goes to the cache the suite's own code reads: real
        # values (fetched as superuser, whose SQL is not masked; access was
        # checked before), what users are shown is masked in _read_format.
        if (
            self.env.su
            or self._client_base_sees_all()
            or not any(
                field.name in self._client_base_scoped_fields() for field in fields
            )
        ):
            return super()._fetch_query(query, fields)
        # x2many fields are read as the user: their rows follow the rules of
        # their own model (a status change in a company the user is not in
        # stays out of the client's history), masked like the rest after
        relational = [field for field in fields if field.type in X2MANY]
        fetched = super(ClientBaseClientData, self.sudo())._fetch_query(
            query, [field for field in fields if field.type not in X2MANY]
        )
        records = self.browse(fetched._ids)
        for field in relational if records else ():
            field.read(records)
        return records

    def _search(self, domain, *args, **kwargs):
        if not self.env.su and not self._client_base_sees_all():
            domain = self._client_base_scope_domain(domain)
        return super()._search(domain, *args, **kwargs)

    def _client_base_scope_domain(self, domain):
        """``domain`` where each condition on a scoped field the database
        does not store (computed with a search method, such as the classes or
        the action lists) holds for a colleague's client only as it would for
        an empty value; stored ones are masked in their SQL."""
        scoped = self._client_base_scoped_fields()
        result, changed = [], False
        for term in domain or []:
            fname = (
                term[0].split(".", 1)[0]
                if isinstance(term, list | tuple) and len(term) == 3
                and isinstance(term[0], str)
                else None
            )  # fmt: skip
            field = self._fields.get(fname) if fname else None
            if field is None or field.store or fname not in scoped:
                result.append(term)
                continue
            masked = ["&", ("client_base_data_visible", "=", True), tuple(term)]
            if _empty_matches(term[1], term[2]):
                masked = ["|", ("client_base_data_visible", "=", False), *masked]
            result.extend(masked)
            changed = True
        return result if changed else domain

    def _client_base_hidden(self, fnames):
        """(ids whose client data is hidden from the user, scoped fields among
        ``fnames``)."""
        if self._client_base_sees_all():
            return set(), set()
        scoped = self._client_base_scoped_fields().intersection(fnames)
        if not scoped:
            return set(), set()
        return set((self - self._client_base_visible())._ids), scoped

    def _read_format(self, fnames, load="_classic_read"):
        result = super()._read_format(fnames, load)
        hidden, scoped = self._client_base_hidden(fnames)
        for values in result:
            if values["id"] in hidden:
                for fname in scoped.intersection(values):
                    values[fname] = (
                        []
                        if self._fields[fname].type in ("one2many", "many2many")
                        else False
                    )
        return result

    def _export_rows(self, fields, *, _is_toplevel_call=True):
        """Exports show a colleague's client with empty client data, as lists
        do, also when another model's export reaches it (a card's holder, a
        person's company): Odoo exports related records through this method."""
        # related records get every path, those not about them empty
        hidden, scoped = self._client_base_hidden({path[0] for path in fields if path})
        if not hidden:
            return super()._export_rows(fields, _is_toplevel_call=_is_toplevel_call)
        blank = [
            index for index, path in enumerate(fields) if path and path[0] in scoped
        ]
        # the record id in front, which only the first line of each record
        # carries (its further lines are its x2many values)
        lines = super()._export_rows(
            [[".id"], *fields], _is_toplevel_call=_is_toplevel_call
        )
        rows, is_hidden = [], False
        for line in lines:
            if line[0]:
                is_hidden = int(line[0]) in hidden
            row = line[1:]
            if is_hidden:
                for index in blank:
                    row[index] = False
            rows.append(row)
        return rows

    def copy_data(self, default=None):
        """A copy of a colleague's client carries none of its client data
        (a copy is the copier's to read)."""
        vals_list = super().copy_data(default)
        hidden, scoped = self._client_base_hidden(self._fields)
        if hidden:
            scoped -= set(default or ())
            for partner, vals in zip(self, vals_list, strict=True):
                if partner.id in hidden:
                    for fname in scoped:
                        vals.pop(fname, None)
        return vals_list

    def _track_filter_for_display(self, tracking_values):
        # only models with a chatter track; the mixin serves those
        tracking_values = super()._track_filter_for_display(tracking_values)
        if self._client_base_sees_all() or self._client_base_visible():
            return tracking_values
        scoped = self._client_base_scoped_fields()
        return tracking_values.filtered(lambda value: value.field_id.name not in scoped)

    @api.model
    def _client_base_scope_info(self):
        """What the web client shows above the lists of clients and of the
        suite's client rows: which clients the current user sees there."""
        all_leads = self.env.ref("sales_team.group_sale_salesman_all_leads")
        principle = (
            self.env["ir.rule"]
            .sudo()
            .search(
                [
                    ("groups", "in", all_leads.ids),
                    ("model_id.model", "=like", "client.base.%"),
                ]
            )
        )
        models_ = sorted(
            {
                rule.model_id.model
                for rule in principle
                if rule.domain_force.replace(" ", "") == "[(1,'=',1)]"
            }
            | {self._name}
        )
        if self._client_base_sees_all():
            label = self.env._("Every client")
            title = self.env._(
                "You see every client of the selected companies (Sales: All Documents)."
            )
        else:
            label = self.env._("Your clients and unassigned")
            title = self.env._(
                "You see your own clients and clients without a salesperson; a "
                "colleague's clients are shown to that colleague and to users who see "
                "every client."
            )
        return {"label": label, "title": title, "models": models_}
