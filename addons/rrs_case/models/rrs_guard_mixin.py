# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""One guard for every record of the suite, whoever the client is (web, RPC, import, server
action).

A model that inherits ``rrs.guard.mixin`` declares:

- ``_rrs_state_field`` and ``_rrs_moves()``: the allowed moves of its workflow, each with the
  method that checks who may make it and its conditions and returns the values the system
  sets with it (signer, date ...). ``write`` and ``create`` of the state field and the
  ``action_*`` buttons all go through ``_rrs_move``: a plain ``write({'state': ...})`` is the
  same move as the button, with the same checks, or it is refused.
- ``_rrs_system_fields``: fields only the system sets, inside a move or in
  ``with record._rrs_system_write():`` after the caller's own right was checked. A client
  never writes them (the value they already hold, or their default on creation, passes).
- ``_rrs_number_sequence``: the code of the ``ir.sequence`` that numbers a new record's
  ``name`` while it holds its placeholder default (``_rrs_number_placeholder``). The number
  goes in with the insert, after the client's values were checked, rather than by a write per
  record after ``create`` (each such write paid the change history's snapshot, issue 17).
- ``_rrs_frozen_states``: a record in one of them keeps its content; only the fields of
  ``_rrs_frozen_writable`` and mail/activity bookkeeping change. Leaving a frozen state is a
  move like any other (usually one only the system makes).
- ``_rrs_parent_field``: the case (plan, assessment ...) a record belongs to never changes.
- links to another record of a case (a release, a member ...) stay inside the record's case.

Every model of the suite (``rrs.*``, and any model inheriting this mixin) also has the types
of a client's values checked (``rrs_vals_check``) before any of its own ``create`` or
``write`` code runs: ``_register_hook`` puts the check on top of the model's class, as Odoo's
``base_automation`` does for its rules, so that no override further down reads a list where
it expects an id. A ``ValueError`` or ``TypeError`` that still escapes Odoo's conversion of a
client's values is answered as a ``ValidationError``.

Nothing here relies on the context, which an RPC client controls: what the system may write
is held in a context variable of this Python thread that no client can set. Superuser code
(data files, ``sudo()`` after a check, scripts) is trusted, as everywhere in Odoo.
"""

import contextlib
import contextvars
import logging
from collections import defaultdict

from odoo import api, models, tools
from odoo.exceptions import UserError, ValidationError

from .rrs_vals_check import check_context_defaults, check_ids, check_vals, check_vals_list

_logger = logging.getLogger(__name__)

# (model, id) pairs the running system code may write freely; (model, None) for creation.
_GRANTED = contextvars.ContextVar("rrs_granted", default=frozenset())
# Set while a program manager's disposal destroys records (rule REC-3).
_DISPOSING = contextvars.ContextVar("rrs_disposing", default=False)
# Models whose running create/write had the client's values checked on entry.
_CHECKED = contextvars.ContextVar("rrs_vals_checked", default=frozenset())

# Fields Odoo's mail and activity mixins write on any record, frozen or not.
_BOOKKEEPING_PREFIXES = ("message_", "activity_", "website_message", "rating_")

# Move checks return this to mean "only the system makes this move".
SYSTEM_ONLY = "system_only"


@contextlib.contextmanager
def rrs_disposing():
    """Mark the code inside as the disposal of records past their retention (REC-3)."""
    token = _DISPOSING.set(True)
    try:
        yield
    finally:
        _DISPOSING.reset(token)


def is_disposing():
    return _DISPOSING.get()


@contextlib.contextmanager
def rrs_system_write(model_name, ids=None):
    """Let the code inside write records of ``model_name`` (``ids``, or any when ``None``) that
    the suite guards without inheriting the mixin (an OCA model such as ``tier.review``). Call
    it only after checking the caller's own right."""
    pairs = {(model_name, rid) for rid in ids} if ids else {(model_name, None)}
    token = _GRANTED.set(_GRANTED.get() | pairs)
    try:
        yield
    finally:
        _GRANTED.reset(token)


def rrs_is_granted(records):
    """The running system code may write these records (see ``rrs_system_write``)."""
    return _is_granted(records)


def next_numbers(sequences, code, count):
    """``count`` numbers of the sequence ``code``, as ``sequences.next_by_code(code)`` draws
    them one by one (``sequences``: ``ir.sequence`` with the environment and company to
    number in), the sequence looked up once for the batch: ``next_by_code`` searches it for
    every number, 4% of the time ``scripts/populate`` took to create a household (issue 17)."""
    sequences.browse().check_access("read")
    company = sequences.env.company
    sequence = sequences.search(
        [("code", "=", code), ("company_id", "in", [company.id, False])],
        order="company_id",
        limit=1,
    )
    if not sequence:
        return [False] * count
    return [sequence._next() for _ in range(count)]


def _is_granted(records):
    granted = _GRANTED.get()
    if (records._name, None) in granted:
        return True
    return bool(records.ids) and all((records._name, rid) in granted for rid in records.ids)


def _client_call(records):
    """The values come from a client (or code acting for one), not from trusted code."""
    return not records.env.su and not _is_granted(records)


def _check_types(records, vals):
    checker = getattr(records, "_rrs_check_vals_types", None)
    if checker is not None:
        checker(vals)
    else:
        check_vals(records, vals)


@contextlib.contextmanager
def _values_checked(records):
    """Run the model's own create/write once the values are checked; a conversion error
    Odoo still raises on a client's value is answered as a ValidationError."""
    token = _CHECKED.set(_CHECKED.get() | {records._name})
    try:
        yield
    except (ValueError, TypeError) as exc:
        _logger.warning(
            "Value of a client not caught by the type check on %s", records._name, exc_info=True
        )
        raise ValidationError(
            records.env._(
                "%(model)s: the values sent cannot be saved (%(error)s).",
                model=records._description,
                error=str(exc)[:200],
            )
        ) from exc
    finally:
        _CHECKED.reset(token)


def _make_create():
    @api.model_create_multi
    def create(self, vals_list):
        if not _client_call(self):
            return create.origin(self, vals_list)
        if hasattr(self, "_rrs_check_vals_types"):
            if not isinstance(vals_list, (list, tuple)):
                check_vals_list(self, vals_list)  # raises: not a list of dictionaries
            for vals in vals_list:
                self._rrs_check_vals_types(vals)
        else:
            check_vals_list(self, vals_list)
        check_context_defaults(self, vals_list)
        with _values_checked(self):
            return create.origin(self, vals_list)

    return create


def _make_write():
    def write(self, vals):
        if not self or not _client_call(self):
            return write.origin(self, vals)
        check_ids(self)
        _check_types(self, vals)
        with _values_checked(self):
            return write.origin(self, vals)

    return write


def _patch(model_cls, name, method):
    """Put ``method`` on top of the registry class of a model, once (see base_automation)."""
    if getattr(model_cls.__dict__.get(name), "_rrs_checks_types", False):
        return
    method.origin = getattr(model_cls, name)
    method._rrs_checks_types = True
    setattr(model_cls, name, method)


class RrsGuardMixin(models.AbstractModel):
    _name = "rrs.guard.mixin"
    _description = "Integrity guard of the resettlement suite"

    _rrs_state_field = None
    _rrs_system_fields = ()
    _rrs_frozen_states = ()
    _rrs_frozen_writable = ()
    _rrs_parent_field = None
    _rrs_number_sequence = None
    _rrs_number_placeholder = "/"
    # Moves ``(source, target)`` whose check reads only the record itself: records taking one
    # of them together, with the same values, are written in one write (each write of a
    # case-file record is read twice by its change history, REC-4; issue 17). The check and
    # ``_rrs_after_move`` still run record by record.
    _rrs_batched_moves = ()

    # ------------------------------------------------------------------ hooks
    def _rrs_moves(self):
        """The allowed moves: ``{(from_state, to_state): method name or SYSTEM_ONLY}``.

        The method, called on one record, raises when the caller may not make the move or a
        condition is not met, and returns the values the system sets with the move. An upper
        addon extends a move by overriding its method (``super()`` first).
        """
        return {}

    def _rrs_after_move(self, source, target):
        """Called once a move is written (a hook: schedules, activities, messages)."""

    def _rrs_check_vals_types(self, vals):
        """Refuse values of the wrong type with a message naming the field."""
        check_vals(self, vals)

    def _register_hook(self):
        """Check the types of a client's values before any create/write code of the suite's
        models runs, whatever their position in the class hierarchy."""
        super()._register_hook()
        if self._name != "rrs.guard.mixin":
            return
        for name, model_cls in self.env.registry.items():
            if model_cls._abstract or not (
                name.startswith("rrs.") or "rrs.guard.mixin" in model_cls._inherit_module
            ):
                continue
            _patch(model_cls, "create", _make_create())
            _patch(model_cls, "write", _make_write())

    # ---------------------------------------------------------------- granting
    def _rrs_is_granted(self):
        return _is_granted(self)

    @contextlib.contextmanager
    def _rrs_system_write(self):
        """Let the code inside write the system fields of these records (or create them, on an
        empty recordset). Call it only after checking the caller's own right."""
        with rrs_system_write(self._name, self.ids):
            yield self

    def _rrs_guarded(self):
        """The guard applies: a client's write, not trusted system code."""
        return not self.env.su and not self._rrs_is_granted()

    # ------------------------------------------------------------------ checks
    def _rrs_field_label(self, fname):
        return self._fields[fname]._description_string(self.env)

    def _rrs_state_label(self, value):
        field = self._fields[self._rrs_state_field]
        return dict(field._description_selection(self.env)).get(value, value)

    def _rrs_same_value(self, record, fname, value):
        field = self._fields[fname]
        try:
            new = field.convert_to_cache(value, record, validate=False)
            if field.type in ("many2one",):
                return (new or False) == (record[fname].id or False)
            return field.convert_to_record(new, record) == record[fname]
        except (TypeError, ValueError):
            return False

    def _rrs_write_changed(self, vals):
        """Write the values of ``vals`` that differ from this record's, if any, and return
        them: what the system writes again after every change (an assessment's results) is
        written only where it changed. Each write of a case-file record is read twice by its
        change history (REC-4), and every write stamps ``write_date`` (issue 17)."""
        self.ensure_one()
        changed = {
            fname: value
            for fname, value in vals.items()
            if not self._rrs_same_value(self, fname, value)
        }
        if changed:
            self.write(changed)
        return changed

    def _check_company(self, fnames=None):
        """Odoo's check of the companies of the records a batch names, made once for each
        field and company of the batch: Odoo builds and evaluates a domain for every record
        and field, a tenth of the time of a batch of households (issue 17).

        A record passes when each record its field names satisfies the domain of the
        record's companies (``_check_company_domain``); the records of a batch with the
        same companies pass together exactly when every record they name satisfies it, so
        the domain is evaluated once on all of them. When one fails, Odoo's check runs on
        the whole batch and its message names every record at fault. Company-dependent
        fields and models without a company are left to Odoo's check."""
        if len(self) < 2:
            return super()._check_company(fnames)
        if fnames is None or {"company_id", "company_ids"} & set(fnames):
            fnames = self._fields
        fields_ = [
            self._fields[name]
            for name in fnames
            if self._fields[name].relational and self._fields[name].check_company
        ]
        company_field = next((f for f in ("company_id", "company_ids") if f in self._fields), None)
        if not fields_:
            return None
        if not company_field or any(field.company_dependent for field in fields_):
            return super()._check_company(fnames)
        named = defaultdict(lambda: defaultdict(set))
        # sudo(): the records the batch names, whoever may read them, as Odoo's check reads
        # them; only whether they belong to the record's companies is used
        for record in self.sudo():
            by_field = named[record[company_field]._ids]
            for field in fields_:
                by_field[field].update(record[field.name]._ids)
        for company_ids, by_field in named.items():
            companies = self.env["res.company"].browse(company_ids)
            for field, ids in by_field.items():
                if not ids:
                    continue
                corecords = self.env[field.comodel_name].sudo().browse(ids)  # sudo(): as above
                domain = corecords._check_company_domain(companies)
                if domain and corecords != corecords.with_context(
                    active_test=False
                ).filtered_domain(domain):
                    return super()._check_company(fnames)
        return None

    @tools.ormcache()
    def _rrs_system_field_names(self):
        """The declared system fields, and the stored computed fields without an inverse: the
        ORM would let a client overwrite what the system computes (a late flag, a version).
        Derived from the model's fields once per registry, not on every write."""
        names = set(self._rrs_system_fields)
        for fname, field in self._fields.items():
            if (
                field.store
                and field.compute
                and field.readonly
                and not field.inverse
                and not field.related
            ):
                names.add(fname)
        return frozenset(names)

    def _rrs_numbered(self, vals_list):
        """``vals_list`` with the number of each new record that holds the placeholder
        (``_rrs_number_sequence``); the client's values were checked before."""
        code = self._rrs_number_sequence
        if not code:
            return vals_list
        placeholder = self._rrs_number_placeholder
        unnumbered = [vals.get("name", placeholder) == placeholder for vals in vals_list]
        # sudo(): numbering only; the caller's right to create was checked before.
        numbers = iter(next_numbers(self.env["ir.sequence"].sudo(), code, sum(unnumbered)))
        return [
            {**vals, "name": next(numbers) or placeholder} if todo else vals
            for vals, todo in zip(vals_list, unnumbered, strict=True)
        ]

    def _rrs_without_forged_defaults(self):
        """A client's context cannot give a default value to a field only the system sets, nor
        create a record in another stage than the first (``default_<field>`` keys)."""
        guarded = self._rrs_system_field_names() | {self._rrs_state_field}
        context = self.env.context
        forged = [k for k in context if k.startswith("default_") and k[8:] in guarded]
        if not forged:
            return self
        return self.with_env(
            self.env(context={k: v for k, v in context.items() if k not in forged})
        )

    def _rrs_check_system_fields(self, vals, creating=False):
        system = self._rrs_system_field_names() & set(vals)
        if not system:
            return
        if creating:
            defaults = self.default_get(list(system))
            blocked = [
                f
                for f in system
                if vals[f] not in (False, None)
                and not self._rrs_default_matches(f, vals[f], defaults)
            ]
        else:
            blocked = [
                f for f in system if any(not self._rrs_same_value(r, f, vals[f]) for r in self)
            ]
        if blocked:
            raise UserError(
                self.env._(
                    "“%(field)s” is set by the system when the step it records is taken; it "
                    "cannot be written directly (%(model)s).",
                    field=self._rrs_field_label(sorted(blocked)[0]),
                    model=self._description,
                )
            )

    def _rrs_default_matches(self, fname, value, defaults):
        if fname not in defaults:
            return False
        field = self._fields[fname]
        try:
            return field.convert_to_cache(value, self, validate=False) == field.convert_to_cache(
                defaults[fname], self, validate=False
            )
        except (TypeError, ValueError):
            return False

    def _rrs_check_parent(self, vals):
        parent = self._rrs_parent_field
        if not parent or parent not in vals:
            return
        moved = self.filtered(lambda r: not self._rrs_same_value(r, parent, vals[parent]))
        if moved:
            raise UserError(
                self.env._(
                    "A %(model)s stays with the %(parent)s it was created for; create a new "
                    "one instead.",
                    model=self._description,
                    parent=self._rrs_field_label(parent),
                )
            )

    def _rrs_frozen_message(self):
        """The refusal for a change of a frozen record (a hook for a clearer wording)."""
        self.ensure_one()
        return self.env._(
            "%(record)s is %(state)s: it stays as it is.",
            record=self.display_name,
            state=self._rrs_state_label(self[self._rrs_state_field]),
        )

    def _rrs_check_frozen(self, vals):
        if not (self._rrs_frozen_states and self._rrs_state_field):
            return
        allowed = set(self._rrs_frozen_writable) | {self._rrs_state_field}
        changed = {f for f in vals if f not in allowed and not f.startswith(_BOOKKEEPING_PREFIXES)}
        if not changed:
            return
        for record in self:
            if record[self._rrs_state_field] in self._rrs_frozen_states and any(
                not self._rrs_same_value(record, f, vals[f]) for f in changed
            ):
                raise UserError(record._rrs_frozen_message())

    @tools.ormcache()
    def _rrs_case_links(self):
        """Stored many2one fields pointing at records of a case (other than the parent), found
        once per registry."""
        if "case_id" not in self._fields:
            return ()
        links = []
        for fname, field in self._fields.items():
            if (
                field.type == "many2one"
                and field.store
                and fname not in ("case_id", self._rrs_parent_field)
                and field.comodel_name != "rrs.case"
                and "case_id" in self.env[field.comodel_name]._fields
                and self.env[field.comodel_name]._fields["case_id"].comodel_name == "rrs.case"
                and self.env[field.comodel_name]._fields["case_id"].store
            ):
                links.append(fname)
        return tuple(links)

    def _rrs_check_case_links(self, fnames, vals=None):
        """Links stay in the record's case: the values of ``vals`` before they are written, or
        the records' own values."""
        links = [f for f in self._rrs_case_links() if f in fnames]
        if not links:
            return
        # sudo(): reads the linked record's case only to compare it with this record's case;
        # a record of a case the caller cannot see is refused all the same.
        for record in self.sudo():
            for fname in links:
                if vals is None:
                    linked = record[fname]
                else:
                    linked = record[fname].browse(vals[fname] or ())
                if linked and linked.case_id != record.case_id:
                    raise ValidationError(
                        self.env._(
                            "“%(field)s” must belong to case %(case)s.",
                            field=self._rrs_field_label(fname),
                            case=record.case_id.name,
                        )
                    )

    # -------------------------------------------------------------------- CRUD
    @api.model_create_multi
    def create(self, vals_list):
        if not self._rrs_guarded():
            return super().create(self._rrs_numbered(vals_list))
        self = self._rrs_without_forged_defaults()
        state_field = self._rrs_state_field
        targets = []
        cleaned = []
        # The caller's right comes first: a role that may not create gets the access error.
        self.check_access("create")
        checked = self._name in _CHECKED.get()
        for vals in vals_list:
            if not checked:
                self._rrs_check_vals_types(vals)
            self._rrs_check_system_fields(vals, creating=True)
            vals = dict(vals)
            target = vals.pop(state_field, None) if state_field else None
            targets.append(target)
            cleaned.append(vals)
        cleaned = self._rrs_numbered(cleaned)
        if not any(targets):
            links = set(self._rrs_case_links()) & {f for vals in cleaned for f in vals}
            if not links:
                return super().create(cleaned)
            # A link refused after the creation leaves no record behind.
            with self.env.cr.savepoint():
                records = super().create(cleaned)
                records._rrs_check_case_links(links)
            return records
        # Created in the first stage, then moved with the move's own checks; a refused move
        # leaves no record behind, even inside a longer transaction.
        initial = self.default_get([state_field]).get(state_field)
        moves = self._rrs_moves()
        for target in targets:
            if target and target != initial and (initial, target) not in moves:
                raise UserError(
                    self.env._(
                        "A new %(model)s starts in “%(from_stage)s”; it cannot be created "
                        "in “%(to_stage)s”. Create it, then take the step that leads there.",
                        model=self._description,
                        from_stage=self._rrs_state_label(initial),
                        to_stage=self._rrs_state_label(target),
                    )
                )
        with self.env.cr.savepoint():
            records = super().create(cleaned)
            records._rrs_check_case_links({f for vals in cleaned for f in vals})
            for record, target in zip(records, targets, strict=True):
                if target and target != record[state_field]:
                    record._rrs_move(target)
        return records

    def write(self, vals):
        if not self or not self._rrs_guarded():
            return super().write(vals)
        # The caller's right comes first: a role that may not write gets the access error.
        self.check_access("write")
        if self._name not in _CHECKED.get():
            self._rrs_check_vals_types(vals)
        self._rrs_check_system_fields(vals)
        self._rrs_check_parent(vals)
        self._rrs_check_frozen(vals)
        state_field = self._rrs_state_field
        self._rrs_check_case_links(set(vals), vals)
        if not state_field or state_field not in vals:
            return super().write(vals)
        vals = dict(vals)
        target = vals.pop(state_field)
        self._rrs_check_move_allowed(target)
        # A move refused by its own checks leaves the values written with it unwritten.
        with self.env.cr.savepoint():
            if vals:
                super().write(vals)
            self.filtered(lambda r: r[state_field] != target)._rrs_move(target)
        return True

    # ------------------------------------------------------------------- moves
    def _rrs_check_move_allowed(self, target):
        """Refuse at once a move that is not in the table, before anything is written."""
        moves = self._rrs_moves()
        for record in self:
            source = record[self._rrs_state_field]
            if source != target and (source, target) not in moves:
                raise UserError(
                    self.env._(
                        "%(record)s cannot go from “%(from_stage)s” to “%(to_stage)s”.",
                        record=record.display_name,
                        from_stage=record._rrs_state_label(source),
                        to_stage=record._rrs_state_label(target),
                    )
                )

    def _rrs_move(self, target, vals=None):
        """Move each record to ``target`` through the one mechanism: the move must be allowed
        from the record's stage, its check passes (the caller's right, the conditions), then the
        stage, the values the system sets and ``vals`` are written together."""
        state_field = self._rrs_state_field
        moves = self._rrs_moves()
        self.check_access("write")
        self._rrs_check_move_allowed(target)
        batched = {}
        for record in self:
            source = record[state_field]
            if source == target:
                if vals:
                    record.write(vals)
                continue
            check = moves[(source, target)]
            if check == SYSTEM_ONLY:
                if not record._rrs_is_granted() and not self.env.su:
                    raise UserError(
                        self.env._(
                            "%(record)s goes to “%(to_stage)s” by itself when its conditions are "
                            "met; it cannot be set by hand.",
                            record=record.display_name,
                            to_stage=record._rrs_state_label(target),
                        )
                    )
                system = {}
            else:
                system = getattr(record, check)(target) or {}
            values = {state_field: target, **system, **(vals or {})}
            if (source, target) in self._rrs_batched_moves:
                key = (source, repr(sorted(values.items())))
                batched.setdefault(key, (source, values, []))[2].append(record.id)
                continue
            with record._rrs_system_write():
                record.write(values)
                record._rrs_after_move(source, target)
        for source, values, ids in batched.values():
            records = self.browse(ids)
            with records._rrs_system_write():
                records.write(values)
                for record in records:
                    record._rrs_after_move(source, target)
        return True
