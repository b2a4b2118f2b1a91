# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import (
    test_con2_release,
    test_hours,
    test_integrity_volunteer,
    test_performance,
    test_portal,
    test_vol1_screening,
    test_vol2_calendar,
    test_vol2_need_to_know,
    test_vol3_community_activity,
    test_volunteer_tour,
)
