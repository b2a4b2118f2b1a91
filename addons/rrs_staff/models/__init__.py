# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
# isort: skip_file
from . import hr_skill_type
from . import rrs_language
from . import rrs_program_requirement
from . import rrs_program
from . import rrs_workload_weight
from . import hr_employee
from . import rrs_staff_requirement_status
from . import rrs_staff_workload
from . import rrs_case
from . import res_partner
from . import rrs_interpreter_use_mixin
from . import rrs_case_note
from . import rrs_home_visit
