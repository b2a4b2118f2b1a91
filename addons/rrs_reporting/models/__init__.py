# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# isort: skip_file
# Odoo builds models in import order: the mixins before the models that inherit them.
from . import (
    rrs_dashboard_mixin,
    rrs_report_mixin,
    res_company,
    res_config_settings,
    res_users,
    rrs_assessment,
    rrs_case,
    rrs_case_member,
    rrs_dashboard_caseload,
    rrs_dashboard_outcomes,
    rrs_dashboard_overdue,
    rrs_employment,
    rrs_logic_model,
    rrs_logic_model_outcome,
    rrs_reporting_demo,
    rrs_school_enrolment,
    rrs_self_sufficiency,
    survey_survey,
    survey_user_input,
)
