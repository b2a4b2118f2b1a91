# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import (
    test_assistance_accounting,
    test_assistance_anomalies,
    test_assistance_concurrency,
    test_assistance_documents,
    test_assistance_limits,
    test_assistance_performance,
    test_assistance_security,
    test_assistance_thresholds,
    test_assistance_tour,
    test_assistance_waiting_work,
    test_integrity_assistance,
)
