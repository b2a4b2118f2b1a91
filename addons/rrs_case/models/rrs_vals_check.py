# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Values from a client are checked before anything is written: a wrong type, an unknown
field, a record that does not exist or a number the database cannot hold gets a
``ValidationError`` that names the field, never a Python or database traceback."""

import datetime
import math

from odoo import fields
from odoo.exceptions import ValidationError

INT_MAX = 2**31 - 1
X2MANY_COMMANDS = range(7)


def _error(records, fname, message):
    field = records._fields.get(fname)
    label = field._description_string(records.env) if field else fname
    return ValidationError(
        records.env._(
            "%(field)s (%(model)s): %(problem)s",
            field=label,
            model=records._description,
            problem=message,
        )
    )


def _check_id(records, fname, comodel, value):
    env = records.env
    if isinstance(value, bool) or not isinstance(value, int):
        raise _error(
            records, fname, env._("expected the id of a record, got %(value)r.", value=value)
        )
    if not 0 < value <= INT_MAX:
        raise _error(records, fname, env._("%(value)s is not the id of a record.", value=value))
    # sudo(): existence only; access to the record is checked when it is used
    if not env[comodel].sudo().browse(value).exists():
        raise _error(
            records,
            fname,
            env._("no record with id %(value)s exists; choose an existing one.", value=value),
        )


def _check_text(records, fname, value):
    if value is False or value is None:
        return
    if not isinstance(value, str):
        raise _error(records, fname, records.env._("expected text, got %(value)r.", value=value))
    if "\x00" in value:
        raise _error(records, fname, records.env._("the text contains a NUL character."))


def _check_date(records, fname, field, value):
    env = records.env
    if value is False or value is None:
        return
    converter = fields.Date if field.type == "date" else fields.Datetime
    if (
        field.type == "date"
        and isinstance(value, datetime.date)
        and not isinstance(value, datetime.datetime)
    ):
        return
    if field.type == "datetime" and isinstance(value, datetime.datetime):
        return
    if isinstance(value, str):
        try:
            if converter.to_date(value) if field.type == "date" else converter.to_datetime(value):
                return
        except (TypeError, ValueError):
            pass
    expected = "YYYY-MM-DD" if field.type == "date" else "YYYY-MM-DD HH:MM:SS"
    raise _error(
        records,
        fname,
        env._("expected a date as %(format)s, got %(value)r.", format=expected, value=value),
    )


def _check_x2many(records, fname, field, value):
    env = records.env
    if value is False or value is None:
        return
    if not isinstance(value, (list, tuple)):
        raise _error(
            records, fname, env._("expected a list of commands, got %(value)r.", value=value)
        )
    for command in value:
        if isinstance(command, int) and not isinstance(command, bool):
            _check_id(records, fname, field.comodel_name, command)
            continue
        if (
            not isinstance(command, (list, tuple))
            or not command
            or isinstance(command[0], bool)
            or command[0] not in X2MANY_COMMANDS
        ):
            raise _error(records, fname, env._("%(value)r is not a valid command.", value=command))
        code = command[0]
        if code in (0, 1) and (len(command) < 3 or not isinstance(command[2], dict)):
            raise _error(records, fname, env._("%(value)r is not a valid command.", value=command))
        if code in (1, 2, 3, 4) and len(command) >= 2:
            _check_id(records, fname, field.comodel_name, command[1])
        if code == 6:
            ids = command[2] if len(command) > 2 else None
            if not isinstance(ids, (list, tuple)):
                raise _error(
                    records, fname, env._("%(value)r is not a valid command.", value=command)
                )
            for rid in ids:
                _check_id(records, fname, field.comodel_name, rid)


def check_vals(records, vals):
    """Raise a ValidationError for the first value a field cannot take."""
    env = records.env
    if not isinstance(vals, dict):
        raise ValidationError(
            env._("Expected a dictionary of field values, got %(value)r.", value=vals)
        )
    for fname, value in vals.items():
        if not isinstance(fname, str) or fname not in records._fields:
            raise ValidationError(
                env._(
                    "%(model)s has no field “%(field)s”.",
                    model=records._description,
                    field=fname,
                )
            )
        field = records._fields[fname]
        ftype = field.type
        if ftype == "many2one":
            if value not in (False, None):
                _check_id(records, fname, field.comodel_name, value)
        elif ftype == "integer":
            if (
                value is not False
                and value is not None
                and (isinstance(value, bool) or not isinstance(value, int) or abs(value) > INT_MAX)
            ):
                raise _error(
                    records, fname, env._("expected a whole number, got %(value)r.", value=value)
                )
        elif ftype in ("float", "monetary"):
            if (
                value is not False
                and value is not None
                and (
                    isinstance(value, bool)
                    or not isinstance(value, (int, float))
                    or not math.isfinite(value)
                    or abs(value) > 1e15
                )
            ):
                raise _error(
                    records, fname, env._("expected a number, got %(value)r.", value=value)
                )
        elif ftype == "boolean":
            if not isinstance(value, bool) and value not in (0, 1, None):
                raise _error(
                    records, fname, env._("expected true or false, got %(value)r.", value=value)
                )
        elif ftype in ("char", "text", "html"):
            _check_text(records, fname, value)
        elif ftype == "selection":
            if value not in (False, None):
                allowed = [key for key, _label in field._description_selection(env)]
                if not isinstance(value, str) or value not in allowed:
                    raise _error(
                        records,
                        fname,
                        env._(
                            "%(value)r is not one of the choices (%(choices)s).",
                            value=value,
                            choices=", ".join(allowed),
                        ),
                    )
        elif ftype in ("date", "datetime"):
            _check_date(records, fname, field, value)
        elif ftype in ("one2many", "many2many"):
            _check_x2many(records, fname, field, value)
        elif ftype == "binary":
            if value not in (False, None) and not isinstance(value, (str, bytes)):
                raise _error(
                    records, fname, env._("expected file content, got %(value)r.", value=value)
                )
