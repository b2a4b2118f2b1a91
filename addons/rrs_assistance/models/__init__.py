# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import (
    account_analytic_account,
    account_move,
    account_move_line,
    crossovered_budget_lines,
    res_company,
    res_config_settings,
    res_partner,
    rrs_assistance_per_capita,
    rrs_assistance_policy,
    rrs_assistance_purpose,
    rrs_assistance_request,
    rrs_case,
    rrs_program,
    tier_definition,
    tier_review,
)
