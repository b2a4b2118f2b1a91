# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import (
    res_company,
    res_config_settings,
    res_users,
    rrs_assessment,
    rrs_case,
    rrs_case_member,
    rrs_employment,
    rrs_logic_model,
    rrs_logic_model_outcome,
    rrs_report_mixin,
    rrs_school_enrolment,
    rrs_self_sufficiency,
    survey_survey,
    survey_user_input,
)
