# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import rrs_compliance_report, rrs_css_caseload_report, rrs_kpi_report, rrs_outcome_breakdown
