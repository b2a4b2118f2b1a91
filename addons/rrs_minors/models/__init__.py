# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# isort: skip_file
# Odoo creates tables in import order: keep models before the models that extend them.
from . import res_partner
from . import rrs_prs_level
from . import rrs_prs_service_area
from . import rrs_program
from . import rrs_case
from . import rrs_case_member
from . import rrs_minor_caregiver_topic
from . import rrs_minor_caregiver_assessment
from . import rrs_minor_service
from . import rrs_prs_level_history
from . import rrs_prs_safety_call
from . import rrs_incident
from . import rrs_prs_concern
from . import rrs_prs_concern_amendment
from . import rrs_prs_report
from . import rrs_prs_court_date
from . import rrs_prs_residence
from . import rrs_case_note
from . import rrs_waiting_work
from . import report_prs_report
