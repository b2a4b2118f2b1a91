# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# isort: skip_file
from . import test_click_everywhere_tour
from . import test_every_role_every_view
from . import test_prs_clocks
from . import test_prs_concern
from . import test_prs_concern_tour
from . import test_prs_records
from . import test_prs_security
from . import test_restricted_records
from . import test_separated_minors
from . import test_integrity_registry
from . import test_integrity_minors
from . import test_prs_report_print
from . import test_rules_by_role
from . import test_min3_services
from . import test_prs_thresholds
from . import test_min1_separated_minor
from . import test_min2_caregiver_assessment
from . import test_court_dates
