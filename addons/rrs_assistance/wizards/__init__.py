# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import rrs_assistance_grant_report_wizard, rrs_assistance_override_wizard
