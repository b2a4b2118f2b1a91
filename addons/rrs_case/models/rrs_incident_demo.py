# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The demo's incident reports (rule REC-5): one reviewed, one submitted late, one draft."""

from datetime import datetime, time, timedelta

from odoo import api, fields, models


class RrsIncident(models.Model):
    _inherit = "rrs.incident"

    @api.model
    def _rrs_demo_populate(self):
        """Demo data (demo/rrs_records_demo.xml). The reports are written by the demo workers
        through the ORM with their own rights; their past submission and review are history,
        recorded as such by this trusted demo code."""
        ref = self.env.ref
        worker1 = ref("rrs_case.user_worker1_demo")
        worker2 = ref("rrs_case.user_worker2_demo")
        supervisor = ref("rrs_case.user_supervisor_demo")
        today = fields.Date.context_today(self)

        def moment(days_ago, hour, minute=0):
            return datetime.combine(today - timedelta(days=days_ago), time(hour, minute))

        reviewed = self.with_user(worker1).create(
            {
                "occurred_date": moment(9, 11, 20),
                "location": "Sidewalk outside 418 Linden Avenue (the Rahimi family's building)",
                "description": "During the home visit, Ahmad Rahimi slipped on ice on the "
                "sidewalk outside the building and fell on his left wrist. The wrist swelled "
                "but he could move his fingers.",
                "people_involved": "Ahmad Rahimi (client), Amira Haddad (case worker), the "
                "building's superintendent, who brought salt afterwards.",
                "severity": "moderate",
                "actions_taken": "Drove Ahmad to the St. Mary's urgent care clinic with the "
                "interpreter on the phone; X-ray showed a sprain. Told the superintendent "
                "about the ice; informed the supervisor by phone.",
                "case_id": ref("rrs_case.case_rahimi_demo").id,
                "member_ids": [
                    (
                        6,
                        0,
                        ref("rrs_case.case_rahimi_demo")
                        .member_ids.filtered(lambda m: m.partner_id.name.startswith("Ahmad"))
                        .ids,
                    )
                ],
            }
        )
        with reviewed._rrs_system_write():
            reviewed.write(
                {
                    "state": "submitted",
                    "submitted_date": moment(9, 15, 40),
                    "late": moment(9, 15, 40) > reviewed.due_date,
                }
            )
            reviewed.write(
                {
                    "state": "reviewed",
                    "review_note": "Called the landlord's office about salting the entrance; "
                    "the family has ice grips from the donation closet. No further action.",
                    "reviewer_id": supervisor.id,
                    "reviewed_date": moment(8, 9, 30),
                }
            )
        late = self.with_user(worker1).create(
            {
                "occurred_date": moment(2, 15, 10),
                "location": "Agency office, family meeting room",
                "description": "Khaled Haddad became very distressed when told the apartment "
                "application was refused, shouted and struck the table; a glass broke. No one "
                "was hurt.",
                "people_involved": "Khaled Haddad (client), his wife Nour, Amira Haddad (case "
                "worker), the front-desk volunteer.",
                "severity": "moderate",
                "actions_taken": "Paused the meeting, offered water and a quiet room; Khaled "
                "apologised and the meeting resumed. Offered a referral to the refugee mental "
                "health clinic.",
                "case_id": ref("rrs_case.case_haddad_demo").id,
            }
        )
        # a shift that has ended whatever the day the demo is installed (weekends move it)
        days_ago = 2
        while late.due_date >= fields.Datetime.now() and days_ago < 10:
            days_ago += 1
            late.with_user(worker1).occurred_date = moment(days_ago, 15, 10)
        # submitted after the end of that shift: flagged late and the supervisor alerted, as
        # the real move does
        late.with_user(worker1).action_submit()
        self.with_user(worker2).create(
            {
                "occurred_date": fields.Datetime.now() - timedelta(hours=1),
                "location": "Agency front desk",
                "description": "A visitor who is not a client demanded to see a family's case "
                "worker and would not give his name; he left when asked.",
                "people_involved": "Unknown man (about 40), Daniel Okafor, the receptionist.",
                "severity": "low",
                "actions_taken": "Did not confirm whether the family is served here; told the "
                "receptionist not to give out any client information.",
            }
        )
