# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Steps the migration scripts of rrs_case share (migrations/<version>/*.py)."""

from odoo.tools import SQL


def rewrite_rules(cr, rules, version, logger):
    """Rewrite the ``noupdate`` record rules of rrs_case still as the suite shipped them.

    ``rules`` maps a rule's xml id (in rrs_case) to its (old, new) domain. A rule an
    administrator has changed since is kept as it is, with a warning naming it.
    """
    for name, (old, new) in rules.items():
        cr.execute(
            SQL(
                "UPDATE ir_rule SET domain_force = %(new)s WHERE domain_force = %(old)s AND id = "
                "(SELECT res_id FROM ir_model_data WHERE module = 'rrs_case' AND name = %(name)s)",
                new=new,
                old=old,
                name=name,
            )
        )
        if cr.rowcount:
            continue
        cr.execute(
            SQL(
                "SELECT domain_force FROM ir_rule WHERE id = "
                "(SELECT res_id FROM ir_model_data WHERE module = 'rrs_case' AND name = %s)",
                name,
            )
        )
        row = cr.fetchone()
        if row and row[0] != new:
            logger.warning(
                "Record rule rrs_case.%s was changed by the agency and is kept as it is; the "
                "suite's version %s reads the same records faster with %s "
                "(docs/deploy.md, Upgrades).",
                name,
                version,
                new,
            )
