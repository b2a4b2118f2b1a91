# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# isort: skip_file
# The order matters: Odoo creates tables in import order, and the comparison view
# (rrs_assessment_factor_comparison) reads the tables of the models imported before it.
from . import rrs_need_level
from . import rrs_assessment_instrument
from . import rrs_assessment_factor
from . import rrs_assessment_question
from . import rrs_assessment_option
from . import rrs_assessment_level_rule
from . import rrs_assessment_schedule_line
from . import rrs_program
from . import rrs_assessment
from . import rrs_assessment_answer
from . import rrs_assessment_factor_result
from . import rrs_assessment_factor_comparison
from . import rrs_case
from . import rrs_service_plan
from . import rrs_case_activity
from . import rrs_case_member
