# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""19.0.1.1.0 (issue 17): the case worker's contact rule searches the people of their cases
through ``res.partner.rrs_of_my_cases``, and the supervisor's change-history rules the team's
entries through ``auditlog.log.rrs_user_ids``. The rules are ``noupdate`` data, so a database
installed before keeps its old domains unless they are rewritten here; a rule an
administrator has changed since is left as it is."""

import logging

from odoo.addons.rrs_case.upgrade import rewrite_rules

_logger = logging.getLogger(__name__)

RULES = {
    "res_partner_rule_case_worker": (
        "[('rrs_member_ids.case_id.worker_user_ids', 'in', [user.id])]",
        "[('rrs_of_my_cases', '=', True)]",
    ),
    "auditlog_log_rule_supervisor": (
        "[('rrs_case_file', '=', True), '|', ('user_id', 'in', user.rrs_supervised_user_ids()), "
        "('rrs_case_id.worker_user_ids', 'in', user.rrs_supervised_user_ids())]",
        "[('rrs_case_file', '=', True), ('rrs_user_ids', 'in', user.rrs_supervised_user_ids())]",
    ),
    "auditlog_log_line_rule_supervisor": (
        "[('log_id.rrs_case_file', '=', True), '|', "
        "('log_id.user_id', 'in', user.rrs_supervised_user_ids()), "
        "('log_id.rrs_case_id.worker_user_ids', 'in', user.rrs_supervised_user_ids())]",
        "[('log_id.rrs_case_file', '=', True), "
        "('log_id.rrs_user_ids', 'in', user.rrs_supervised_user_ids())]",
    ),
}


def migrate(cr, version):
    rewrite_rules(cr, RULES, "19.0.1.1.0", _logger)
