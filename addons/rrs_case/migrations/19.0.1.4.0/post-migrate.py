# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""19.0.1.4.0 (issue 17): the supervisor's access-log rule searches the entries of the team's
cases through ``rrs.access.log.case_worker_user_ids``, read from the workers' index, instead
of the path through the case, which joined every case of the database to the log to count
the team's entries. The rule is ``noupdate`` data: a database installed before keeps its old
domain unless it is rewritten here; a rule an administrator has changed since is left as it
is."""

import logging

from odoo.addons.rrs_case.upgrade import rewrite_rules

_logger = logging.getLogger(__name__)

RULES = {
    "rrs_access_log_rule_supervisor": (
        "['|', ('user_id', 'in', user.rrs_supervised_user_ids()), "
        "('case_id.worker_user_ids', 'in', user.rrs_supervised_user_ids())]",
        "['|', ('user_id', 'in', user.rrs_supervised_user_ids()), "
        "('case_worker_user_ids', 'in', user.rrs_supervised_user_ids())]",
    ),
}


def migrate(cr, version):
    rewrite_rules(cr, RULES, "19.0.1.4.0", _logger)
