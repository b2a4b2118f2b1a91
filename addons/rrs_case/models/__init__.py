# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# isort: skip_file
# Odoo creates tables in import order: keep models before the models that extend them.
from . import ir_attachment
from . import ir_http
from . import res_company
from . import res_config_settings
from . import rrs_config_settings
from . import res_partner
from . import res_users
from . import hr_employee
from . import rrs_batch_mixin
from . import rrs_guard_mixin
from . import rrs_immigration_category
from . import rrs_language
from . import rrs_program
from . import rrs_case
from . import rrs_case_member
from . import rrs_case_note
from . import rrs_consent
from . import rrs_service_category
from . import rrs_referral
from . import rrs_service_plan
from . import rrs_service_goal
from . import rrs_service_plan_participant
from . import rrs_case_review
from . import rrs_activity_topic
from . import rrs_case_activity
from . import rrs_checklist_template_line
from . import rrs_case_checklist_item
from . import rrs_orientation_topic
from . import rrs_orientation_session
from . import rrs_case_services
from . import rrs_home_visit
from . import rrs_home_visit_escalation
from . import calendar_event
from . import rrs_record_disposal
from . import report_case_letter
