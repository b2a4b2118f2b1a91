# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import test_prs6_demo_month, test_prs6_orr_monthly, test_prs_overdue_work
