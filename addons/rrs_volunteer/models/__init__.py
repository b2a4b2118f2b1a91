# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import (
    res_company,
    res_config_settings,
    rrs_case,
    rrs_community_activity,
    rrs_consent,
    rrs_volunteer,
    rrs_volunteer_area,
    rrs_volunteer_hours,
    rrs_volunteer_match,
    rrs_volunteer_skill,
    rrs_volunteer_slot,
    rrs_volunteer_step,
    rrs_volunteer_step_type,
    rrs_volunteer_suggestion,
    rrs_volunteer_task_type,
)
