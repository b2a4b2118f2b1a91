# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""19.0.1.1.0: the case worker's contact rule searches the people of their cases through
``res.partner.rrs_of_my_cases`` (issue 17). The rules are ``noupdate`` data, so a database
installed before keeps its old domain unless it is rewritten here; a rule an administrator
has changed since is left as it is."""

from odoo.tools import SQL

RULES = {
    "res_partner_rule_case_worker": (
        "[('rrs_member_ids.case_id.worker_user_ids', 'in', [user.id])]",
        "[('rrs_of_my_cases', '=', True)]",
    ),
}


def migrate(cr, version):
    for name, (old, new) in RULES.items():
        cr.execute(
            SQL(
                "UPDATE ir_rule SET domain_force = %(new)s WHERE domain_force = %(old)s AND id = "
                "(SELECT res_id FROM ir_model_data WHERE module = 'rrs_case' AND name = %(name)s)",
                new=new,
                old=old,
                name=name,
            )
        )
