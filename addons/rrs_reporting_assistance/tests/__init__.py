# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import test_out3_assistance_kpi
