# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# isort: skip_file
from . import test_assessment_schedule
from . import test_assessment_scoring
from . import test_assessment_questionnaire
from . import test_assessment_security
from . import test_assessment_performance
from . import test_assessment_tour
from . import test_assessment_service_plan
from . import test_integrity_assessment
from . import test_asm1_int3_instruments
from . import test_assessment_thresholds
