# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import rrs_compliance_report, rrs_orr_monthly_report
