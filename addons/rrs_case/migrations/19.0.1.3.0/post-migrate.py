# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""19.0.1.3.0 (issue 17): the program manager's contact rule searches the companies of a
person's cases through ``res.partner.rrs_case_company_ids``, which is the contact's own
"person served" flag when the manager works in every company of the database, instead of
the path through every member of the database; the finance and auditor rules search those
of the person's unrestricted cases (``rrs_unrestricted_case_company_ids``) the same way.
The rules are ``noupdate`` data: a database installed before keeps their old domains unless
they are rewritten here; a rule an administrator has changed since is left as it is."""

import logging

from odoo.addons.rrs_case.upgrade import rewrite_rules

_logger = logging.getLogger(__name__)

RULES = {
    "res_partner_rule_program_manager": (
        "[('rrs_member_ids.company_id', 'in', company_ids)]",
        "[('rrs_case_company_ids', 'in', company_ids)]",
    ),
    "res_partner_rule_finance": (
        "[('rrs_member_ids', 'any', [('company_id', 'in', company_ids), "
        "('case_id.restricted', '=', False)])]",
        "[('rrs_unrestricted_case_company_ids', 'in', company_ids)]",
    ),
    "res_partner_rule_auditor": (
        "[('rrs_member_ids', 'any', [('company_id', 'in', company_ids), "
        "('case_id.restricted', '=', False)])]",
        "[('rrs_unrestricted_case_company_ids', 'in', company_ids)]",
    ),
}


def migrate(cr, version):
    rewrite_rules(cr, RULES, "19.0.1.3.0", _logger)
