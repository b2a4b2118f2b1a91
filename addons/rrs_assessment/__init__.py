# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from . import models


def post_init_hook(env):
    """Schedule the assessments of cases already in service when the addon is installed."""
    Case = env["rrs.case"].with_context(active_test=False)
    ids = Case.search([("state", "in", ("active", "closing"))]).ids
    for start in range(0, len(ids), 1000):
        Case.browse(ids[start : start + 1000])._sync_assessment_schedule()
