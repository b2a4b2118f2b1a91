# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import (
    test_compliance_report,
    test_dashboards,
    test_demo_month,
    test_out1_logic_model,
    test_out1_need_improved,
    test_out1_outcome_facts,
    test_out2_disaggregation,
    test_out3_kpi,
    test_out3_satisfaction,
    test_performance,
    test_res4_css_caseload,
)
