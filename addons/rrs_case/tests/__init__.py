# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# isort: skip_file
from . import test_case_lifecycle
from . import test_case_household
from . import test_case_note
from . import test_consent
from . import test_case_security
from . import test_program
from . import test_performance
from . import test_referral
from . import test_service_plan
from . import test_case_closing
from . import test_service_plan_tour
from . import test_home_visit_tour
from . import test_case_analysis_tour
from . import test_correspondence
from . import test_resettlement_services
from . import test_home_visit
from . import test_integrity_case
from . import test_sudo_reasons
from . import test_bad_input
from . import test_caseload_warning
from . import test_integrity_records
from . import test_integrity_services
from . import test_import_templates
from . import test_waiting_work
from . import test_waiting_work_tour
from . import test_printed_documents
