# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Searches the suite's record rules share."""

from odoo.fields import Domain
from odoo.tools import SQL


def in_query_of_users(operator, value, column, query_of_users):
    """The search of a users field of the suite's rules (issue 17): ``column`` in the query
    ``query_of_users(env, user_ids)`` of the users of ``value``, or ``NotImplemented`` for
    another operator than ``in``. No predicate: a check in memory runs the same SQL on the
    records' ids."""
    if operator != "in":
        return NotImplemented
    user_ids = sorted({user_id for user_id in value if isinstance(user_id, int)})

    def to_sql(model, alias, query):
        return SQL("%s IN (%s)", SQL.identifier(alias, column), query_of_users(model.env, user_ids))

    return Domain.custom(to_sql=to_sql)
