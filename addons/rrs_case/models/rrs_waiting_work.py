# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class RrsWaitingWork(models.AbstractModel):
    """The work waiting for a supervisor (issue 9): visits to authorise, letters to sign, case
    reviews to do, and what the other addons add. Each card counts records with the caller's
    own rights (the record rules give a supervisor their team's records) and opens the list
    behind the number with the same filter, so the number and the list always agree."""

    _name = "rrs.waiting.work"
    _description = "Work waiting for the supervisor"

    @api.model
    def _rrs_cards(self):
        """The cards, in order. Addons extend this list.

        Each card: key, title, help, model, domain (what the list's default filter shows),
        late_domain (the part that is late, or None), action (XML id) and its context.
        """
        today = fields.Date.context_today(self)
        return [
            {
                "key": "visits",
                "title": self.env._("Visits to authorise"),
                "help": self.env._(
                    "Home visits planned by your team, waiting for your authorisation."
                ),
                "model": "rrs.home.visit",
                "domain": [("state", "=", "planned")],
                "late_domain": [("visit_date", "<=", today)],
                "late_label": self.env._("today or earlier"),
                "action": "rrs_case.rrs_home_visit_action_authorise",
                "context": {},
                "groups": "rrs_case.group_supervisor",
            },
            {
                "key": "letters",
                "title": self.env._("Letters to sign"),
                "help": self.env._("Letters on behalf of clients waiting for your signature."),
                "model": "rrs.case.note",
                "domain": [("letter_state", "=", "to_sign")],
                "late_domain": None,
                "action": "rrs_case.rrs_case_note_action_letters_to_sign",
                "context": {},
                "groups": "rrs_case.group_supervisor",
            },
            {
                "key": "reviews",
                "title": self.env._("Case reviews to do"),
                "help": self.env._("Case reviews of your team that are not done yet."),
                "model": "rrs.case.review",
                "domain": [("state", "=", "draft"), ("reviewer_type", "!=", "self")],
                "late_domain": [("due_date", "<", today)],
                "late_label": self.env._("overdue"),
                "action": "rrs_case.rrs_case_review_action",
                "context": {"search_default_todo": 1, "search_default_not_self": 1},
                "groups": "rrs_case.group_supervisor",
            },
            {
                "key": "closing",
                "title": self.env._("Cases closing"),
                "help": self.env._(
                    "Cases of your team at the closing stage: aftercare or evaluation to check."
                ),
                "model": "rrs.case",
                "domain": [("state", "=", "closing")],
                "late_domain": [("planned_end_date", "<", today)],
                "late_label": self.env._("past the planned end"),
                "action": "rrs_case.rrs_case_action_team",
                "context": {"search_default_closing": 1, "search_default_open": 0},
                "groups": "rrs_case.group_supervisor",
            },
        ]

    @api.model
    def rrs_get_cards(self):
        """The cards the caller may see, with their counts (one COUNT query per card)."""
        result = []
        for card in self._rrs_cards():
            if card.get("groups") and not self.env.user.has_group(card["groups"]):
                continue
            model = self.env[card["model"]]
            if not model.has_access("read"):
                continue
            count = model.search_count(card["domain"])
            late = (
                model.search_count(card["domain"] + card["late_domain"])
                if count and card.get("late_domain")
                else 0
            )
            result.append(
                {
                    "key": card["key"],
                    "title": card["title"],
                    "help": card["help"],
                    "count": count,
                    "late": late,
                    "late_label": card.get("late_label", ""),
                    "action": card["action"],
                    "context": card["context"],
                }
            )
        return result
