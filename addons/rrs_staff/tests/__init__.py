# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import (
    test_assign_tour,
    test_assign_wizard,
    test_caseload,
    test_integrity_staff,
    test_interpreter,
    test_staff_requirements,
    test_staff_security,
    test_stf_conditions,
)
