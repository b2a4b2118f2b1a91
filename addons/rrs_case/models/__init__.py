# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import (
    hr_employee,
    res_partner,
    res_users,
    rrs_case,
    rrs_case_member,
    rrs_case_note,
    rrs_consent,
    rrs_immigration_category,
    rrs_language,
    rrs_program,
)
