# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import rrs_case_close_wizard, rrs_emergency_access_wizard
