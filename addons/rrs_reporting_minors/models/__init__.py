# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import rrs_dashboard_overdue, rrs_prs_report_demo
