# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Values from a client are checked before anything is written: a wrong type, an unknown
field, a record that does not exist or a number the database cannot hold gets a
``ValidationError`` that names the field, never a Python or database traceback.

The check accepts what Odoo accepts from its own code (records, ``date`` objects,
``Command`` tuples), since system code running as the user goes through it too. Values of
records created or updated inside an x2many command are left to the check of their own
model when it has one (every model of the suite), and checked here otherwise.
"""

import base64
import binascii
import datetime
import math

from odoo import fields, models
from odoo.exceptions import ValidationError

INT_MAX = 2**31 - 1
# Larger amounts or quantities are typing mistakes or attacks, never case data.
FLOAT_MAX = 1e15
X2MANY_COMMANDS = (0, 1, 2, 3, 4, 5, 6)
# Nested x2many commands deeper than this are refused (a record of a record of a record...).
MAX_DEPTH = 8
_SHOWN = 60


def _show(value):
    """A short, printable rendering of a client's value for a message."""
    try:
        text = repr(value)
    except Exception:  # noqa: BLE001 - a value whose repr fails is shown by its type
        text = f"<{type(value).__name__}>"
    return text if len(text) <= _SHOWN else text[: _SHOWN - 3] + "..."


def _is_int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def _error(records, fname, problem):
    field = records._fields.get(fname) if isinstance(fname, str) else None
    label = field._description_string(records.env) if field else _show(fname)
    return ValidationError(
        records.env._(
            "%(field)s (%(model)s): %(problem)s",
            field=label,
            model=records._description,
            problem=problem,
        )
    )


class _Ids:
    """Ids to look up once per model at the end of the check, with the field that named them."""

    def __init__(self):
        self.by_model = {}

    def add(self, records, fname, comodel, value):
        env = records.env
        if not _is_int(value):
            raise _error(
                records,
                fname,
                env._("expected the id of a record, got %(value)s.", value=_show(value)),
            )
        if not 0 < value <= INT_MAX:
            raise _error(records, fname, env._("%(value)s is not the id of a record.", value=value))
        self.by_model.setdefault(comodel, {}).setdefault(value, (records, fname))

    def check(self, env):
        for comodel, ids in self.by_model.items():
            # sudo(): existence only; access to the record is checked when it is used
            found = set(env[comodel].sudo().browse(list(ids)).exists().ids)
            for rid, (records, fname) in ids.items():
                if rid not in found:
                    raise _error(
                        records,
                        fname,
                        env._(
                            "no record with id %(value)s exists; choose an existing one.",
                            value=rid,
                        ),
                    )


def _check_many2one(records, fname, field, value, ids):
    if value is False or value is None:
        return
    if isinstance(value, models.BaseModel):
        if value._name != field.comodel_name or len(value) > 1:
            raise _error(
                records,
                fname,
                records.env._(
                    "expected one %(model)s, got %(value)s.",
                    model=field.comodel_name,
                    value=_show(value),
                ),
            )
        return
    ids.add(records, fname, field.comodel_name, value)


def _check_integer(records, fname, value):
    if value is False or value is None:
        return
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        value = int(value)
    if not _is_int(value) or abs(value) > INT_MAX:
        raise _error(
            records,
            fname,
            records.env._("expected a whole number, got %(value)s.", value=_show(value)),
        )


def _check_float(records, fname, value):
    if value is False or value is None:
        return
    if _is_int(value):
        ok = abs(value) <= FLOAT_MAX
    else:
        ok = isinstance(value, float) and math.isfinite(value) and abs(value) <= FLOAT_MAX
    if not ok:
        raise _error(
            records, fname, records.env._("expected a number, got %(value)s.", value=_show(value))
        )


def _check_text(records, fname, value):
    if value is False or value is None:
        return
    env = records.env
    if not isinstance(value, str):
        raise _error(records, fname, env._("expected text, got %(value)s.", value=_show(value)))
    if "\x00" in value:
        raise _error(records, fname, env._("the text contains a NUL character."))
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise _error(records, fname, env._("the text is not valid Unicode.")) from None


def _check_selection(records, fname, field, value):
    if value is False or value is None:
        return
    env = records.env
    allowed = [key for key, _label in field._description_selection(env)]
    if isinstance(value, (bool, list, dict, tuple)) or value not in allowed:
        raise _error(
            records,
            fname,
            env._(
                "%(value)s is not one of the choices (%(choices)s).",
                value=_show(value),
                choices=", ".join(str(key) for key in allowed),
            ),
        )


def _check_date(records, fname, field, value):
    if value is False or value is None or value == "":
        return
    env = records.env
    if isinstance(value, datetime.date):
        if not isinstance(value, datetime.datetime) or value.tzinfo is None:
            return
    elif isinstance(value, str):
        try:
            converter = fields.Date.to_date if field.type == "date" else fields.Datetime.to_datetime
            parsed = converter(value)
        except (TypeError, ValueError, OverflowError):
            parsed = None
        if parsed is not None and parsed.year >= 1:
            return
    expected = "YYYY-MM-DD" if field.type == "date" else "YYYY-MM-DD HH:MM:SS"
    raise _error(
        records,
        fname,
        env._("expected a date as %(format)s, got %(value)s.", format=expected, value=_show(value)),
    )


def _check_binary(records, fname, value):
    if value is False or value is None:
        return
    env = records.env
    if not isinstance(value, (str, bytes)):
        raise _error(
            records, fname, env._("expected file content, got %(value)s.", value=_show(value))
        )
    try:
        base64.b64decode(value)
    except (binascii.Error, ValueError):
        raise _error(records, fname, env._("the file content is not base64-encoded.")) from None


def _check_reference(records, fname, value, ids):
    if value is False or value is None:
        return
    env = records.env
    if isinstance(value, models.BaseModel) and len(value) <= 1:
        return
    model, _sep, rid = value.partition(",") if isinstance(value, str) else ("", "", "")
    if model not in env or not rid.strip().isdigit():
        raise _error(
            records, fname, env._("expected “model,id”, got %(value)s.", value=_show(value))
        )
    ids.add(records, fname, model, int(rid))


def _checked_elsewhere(env, comodel):
    """Values for ``comodel`` are checked by its own create and write (see rrs_guard_mixin)."""
    cls = env.registry[comodel]
    return comodel.startswith("rrs.") or "rrs.guard.mixin" in cls._inherit_module


def _check_x2many(records, fname, field, value, ids, depth):
    if value is False or value is None:
        return
    env = records.env
    if isinstance(value, models.BaseModel):
        if value._name != field.comodel_name:
            raise _error(
                records, fname, env._("%(value)s is not a valid command.", value=_show(value))
            )
        return
    if not isinstance(value, (list, tuple)):
        raise _error(
            records, fname, env._("expected a list of commands, got %(value)s.", value=_show(value))
        )
    comodel = field.comodel_name
    if value and not isinstance(value[0], (list, tuple)):
        # a plain list of ids: the new value of the field
        for rid in value:
            ids.add(records, fname, comodel, rid)
        return
    lines = env[comodel]
    for command in value:
        invalid = records.env._("%(value)s is not a valid command.", value=_show(command))
        if not isinstance(command, (list, tuple)) or not command:
            raise _error(records, fname, invalid)
        code = command[0]
        if not _is_int(code) or code not in X2MANY_COMMANDS:
            raise _error(records, fname, invalid)
        if code in (0, 1):
            if len(command) < 3 or not isinstance(command[2], dict):
                raise _error(records, fname, invalid)
            if code == 1:
                ids.add(records, fname, comodel, command[1])
            if not _checked_elsewhere(env, comodel):
                _check_vals(lines, command[2], ids, depth + 1)
        elif code in (2, 3, 4):
            if len(command) < 2:
                raise _error(records, fname, invalid)
            ids.add(records, fname, comodel, command[1])
        elif code == 6:
            if len(command) < 3 or not isinstance(command[2], (list, tuple)):
                raise _error(records, fname, invalid)
            for rid in command[2]:
                ids.add(records, fname, comodel, rid)


def _check_field(records, fname, value, ids, depth):
    field = records._fields[fname]
    ftype = field.type
    if ftype == "many2one":
        _check_many2one(records, fname, field, value, ids)
    elif ftype in ("integer", "many2one_reference"):
        _check_integer(records, fname, value)
    elif ftype in ("float", "monetary"):
        _check_float(records, fname, value)
    elif ftype == "boolean":
        if not isinstance(value, bool) and value not in (0, 1, None):
            raise _error(
                records,
                fname,
                records.env._("expected true or false, got %(value)s.", value=_show(value)),
            )
    elif ftype in ("char", "text", "html"):
        _check_text(records, fname, value)
    elif ftype == "selection":
        _check_selection(records, fname, field, value)
    elif ftype in ("date", "datetime"):
        _check_date(records, fname, field, value)
    elif ftype in ("one2many", "many2many"):
        _check_x2many(records, fname, field, value, ids, depth)
    elif ftype == "binary":
        _check_binary(records, fname, value)
    elif ftype == "reference":
        _check_reference(records, fname, value, ids)


def _check_vals(records, vals, ids, depth=0):
    env = records.env
    if not isinstance(vals, dict):
        raise ValidationError(
            env._(
                "%(model)s: expected a dictionary of field values, got %(value)s.",
                model=records._description,
                value=_show(vals),
            )
        )
    if depth > MAX_DEPTH:
        raise ValidationError(
            env._("%(model)s: the values are nested too deeply.", model=records._description)
        )
    for fname, value in vals.items():
        if not isinstance(fname, str) or fname not in records._fields:
            raise ValidationError(
                env._(
                    "%(model)s has no field %(field)s.",
                    model=records._description,
                    field=_show(fname),
                )
            )
        try:
            _check_field(records, fname, value, ids, depth)
        except ValidationError:
            raise
        except Exception:  # noqa: BLE001 - the check itself never fails with a traceback
            raise _error(
                records, fname, env._("%(value)s cannot be stored here.", value=_show(value))
            ) from None


def check_vals(records, vals):
    """Raise a ValidationError naming the field for the first value it cannot take."""
    ids = _Ids()
    _check_vals(records, vals, ids)
    ids.check(records.env)


def check_vals_list(records, vals_list):
    """The same for the values of ``create``: one dictionary or a list of them."""
    if isinstance(vals_list, dict):
        vals_list = [vals_list]
    if not isinstance(vals_list, (list, tuple)):
        raise ValidationError(
            records.env._(
                "%(model)s: expected a list of dictionaries of field values, got %(value)s.",
                model=records._description,
                value=_show(vals_list),
            )
        )
    ids = _Ids()
    for vals in vals_list:
        _check_vals(records, vals, ids)
    ids.check(records.env)


def check_ids(records):
    """The ids of ``records`` came from a client: whole positive numbers."""
    bad = [rid for rid in records._ids if not (_is_int(rid) and 0 < rid <= INT_MAX)]
    if bad:
        raise ValidationError(
            records.env._(
                "%(model)s: %(value)s is not the id of a record.",
                model=records._description,
                value=_show(bad[0]),
            )
        )


def check_context_defaults(records, vals_list):
    """Defaults a client passes in the context (``default_<field>``) are values like others."""
    defaults = {
        key[8:]: value
        for key, value in records.env.context.items()
        if isinstance(key, str) and key.startswith("default_") and key[8:] in records._fields
    }
    if not defaults:
        return
    if isinstance(vals_list, dict):
        vals_list = [vals_list]
    missing = {
        fname: value
        for fname, value in defaults.items()
        if any(isinstance(vals, dict) and fname not in vals for vals in vals_list)
    }
    if missing:
        check_vals(records, missing)
