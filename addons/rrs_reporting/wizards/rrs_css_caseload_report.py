# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.fields import Domain

from ..models.rrs_logic_model_outcome import in_scope

# rule STF-2: the CSS figures of Standard 9 (CSS Standards of Practice, "Efforts Received by
# High Needs Clients vs. Low Needs Clients": six Ontario sites, September 2018 to January
# 2019), per need level code: average case-management activities, hours of them and
# referrals per client aged 18+ over three months. They are a published study's results,
# printed as the yardstick the agency's own figures are read against: not a setting (the
# agency's workload weights of rrs_staff are its own planning figures, which it may change).
CSS_REFERENCE = {
    "very_high": (22, 17, 10),
    "high": (15, 19, 10),
    "moderate": (19, 20, 11),
    "moderate_low": (13, 16, 5),
    "low": (10, 10, 4),
}


class RrsCssCaseloadReport(models.TransientModel):
    """The caseload by need level with the case-management activities, their time and the
    referrals per need level, beside the CSS figures (the table of CSS Standard 9, rules
    RES-4 and STF-2), and the time by activity topic and need level."""

    _name = "rrs.css.caseload.report"
    _inherit = ["rrs.report.mixin"]
    _description = "CSS caseload by need level"
    _rrs_report_pdf = "rrs_reporting.action_report_css_caseload_pdf"
    _rrs_report_xlsx = "rrs_reporting.action_report_css_caseload_xlsx"

    # ------------------------------------------------------------ the figures
    @api.private
    def rrs_css_figures(self):
        """The figures over the user's report scope, in a constant number of queries.

        Returns ``levels`` (the need levels in order, an empty record last for the cases not
        assessed), ``per_level`` {level id or False: {cases, clients, activities, minutes,
        referrals}}, ``total`` (the same over distinct cases), ``topics`` and ``by_topic``
        {(topic id, level id or False): minutes}.
        """
        self.ensure_one()
        scope, _label = self.env.user.rrs_report_scope()
        programs = Domain("program_id", "in", self._rrs_programs().ids)
        period_activities = (
            in_scope(self.env, "rrs.case.activity", scope)
            & programs
            & Domain("activity_date", ">=", self.date_from)
            & Domain("activity_date", "<=", self.date_to)
        )
        # rule PLAN-6: a referral is made when it is sent to the provider
        period_referrals = (
            in_scope(self.env, "rrs.referral", scope)
            & programs
            & Domain("sent_date", ">=", self.date_from)
            & Domain("sent_date", "<=", self.date_to)
        )
        levels = self.env["rrs.need.level"].with_context(active_test=False).search([])
        topics = self.env["rrs.activity.topic"].with_context(active_test=False).search([])
        # sudo(): rrs_report_scope() checked the user's role and gives the cases their reports
        # aggregate; restricted cases among them are counted, never listed (the report names
        # no case). Grouped queries only, whatever the number of activities.
        Activity = self.env["rrs.case.activity"].sudo()
        by_topic = {
            (topic.id, level.id or False): minutes
            for level, topic, minutes in Activity._read_group(
                period_activities, ["need_level_id", "topic_id"], ["minutes:sum"]
            )
        }
        # rule RES-4: each effort counts at the level the case had when it was made
        per_case = Activity._read_group(
            period_activities, ["need_level_id", "case_id"], ["__count", "minutes:sum"]
        )
        # sudo(): the referrals of the same scope, counted, never listed
        Referral = self.env["rrs.referral"].sudo()
        referrals = Referral._read_group(
            period_referrals, ["case_id.need_level_id", "case_id"], ["__count"]
        )
        cases = {}
        for level, case, count, minutes in per_case:
            figures = cases.setdefault((level.id or False, case.id), [0, 0, 0])
            figures[0] += count
            figures[1] += minutes
        for level, case, count in referrals:
            cases.setdefault((level.id or False, case.id), [0, 0, 0])[2] += count
        case_ids = {case_id for _level, case_id in cases}
        # sudo(): the number of people of each case counted above, never their names
        Member = self.env["rrs.case.member"].sudo()
        clients = dict(
            Member._read_group([("case_id", "in", list(case_ids))], ["case_id"], ["__count"])
        )
        clients = {case.id: count for case, count in clients.items()}
        per_level = {}
        for (level_id, case_id), (count, minutes, referral_count) in cases.items():
            figures = per_level.setdefault(
                level_id,
                {"cases": 0, "clients": 0, "activities": 0, "minutes": 0, "referrals": 0},
            )
            figures["cases"] += 1
            figures["clients"] += clients.get(case_id, 0)
            figures["activities"] += count
            figures["minutes"] += minutes
            figures["referrals"] += referral_count
        total = {
            "cases": len(case_ids),
            "clients": sum(clients.get(case_id, 0) for case_id in case_ids),
            "activities": sum(figures["activities"] for figures in per_level.values()),
            "minutes": sum(figures["minutes"] for figures in per_level.values()),
            "referrals": sum(figures["referrals"] for figures in per_level.values()),
        }
        # an archived level or topic shows only where it has figures
        levels = levels.filtered(lambda level: level.active or level.id in per_level)
        used_topics = {topic_id for topic_id, _level_id in by_topic}
        topics = topics.filtered(lambda topic: topic.active or topic.id in used_topics)
        return {
            "levels": [*levels, self.env["rrs.need.level"]],
            "per_level": per_level,
            "total": total,
            "topics": topics,
            "by_topic": by_topic,
        }

    # ------------------------------------------------------------- the report
    def _rrs_report_title(self):
        return self.env._("CSS caseload by need level")

    def _rrs_level_label(self, level):
        return level.name if level else self.env._("Not assessed")

    def _rrs_report_sections(self):
        self.ensure_one()
        data = self.rrs_css_figures()

        def averages(figures):
            cases = figures["cases"]
            if not cases:
                return [None, None, None]
            return [
                figures["activities"] / cases,
                figures["minutes"] / 60.0 / cases,
                figures["referrals"] / cases,
            ]

        def figures_row(label, figures, reference):
            return [
                label,
                figures["cases"],
                figures["clients"],
                figures["activities"],
                figures["minutes"] / 60.0,
                figures["referrals"],
                *averages(figures),
                *reference,
            ]

        empty = {"cases": 0, "clients": 0, "activities": 0, "minutes": 0, "referrals": 0}
        rows = []
        for level in data["levels"]:
            figures = data["per_level"].get(level.id or False, empty)
            reference = CSS_REFERENCE.get(level.code) if level else None
            rows.append(
                figures_row(self._rrs_level_label(level), figures, list(reference or (None,) * 3))
            )
        caseload = {
            "title": self.env._("Caseload, activities and referrals by need level"),
            "columns": [
                {"label": self.env._("Need level"), "type": "text"},
                {"label": self.env._("Cases served"), "type": "int"},
                {"label": self.env._("Clients served"), "type": "int"},
                {"label": self.env._("Activities"), "type": "int"},
                {"label": self.env._("Hours"), "type": "float"},
                {"label": self.env._("Referrals"), "type": "int"},
                {"label": self.env._("Activities per case"), "type": "float"},
                {"label": self.env._("Hours per case"), "type": "float"},
                {"label": self.env._("Referrals per case"), "type": "float"},
                {"label": self.env._("CSS: activities"), "type": "int"},
                {"label": self.env._("CSS: hours"), "type": "int"},
                {"label": self.env._("CSS: referrals"), "type": "int"},
            ],
            "rows": rows,
            "total": figures_row(self.env._("All"), data["total"], [None] * 3),
            "notes": [
                self.env._(
                    "A case is served when a case-management activity is logged for it or a "
                    "referral is sent for it in the period; clients are the people of those "
                    "cases."
                ),
                self.env._(
                    "Activities and their time count at the need level the case had when the "
                    "activity was logged; referrals at the case's need level now. A case whose "
                    "level changed in the period is counted at each level; the total counts it "
                    "once."
                ),
                self.env._(
                    "CSS: average per client aged 18 and over, over three months, at six "
                    "Ontario sites from September 2018 to January 2019 (CSS Standards of "
                    "Practice, Standard 9). The averages of this report are per case over "
                    "%(days)s days.",
                    days=(self.date_to - self.date_from).days + 1,
                ),
            ],
        }
        levels = data["levels"]
        by_topic = data["by_topic"]
        topic_rows = []
        for topic in data["topics"]:
            hours = [by_topic.get((topic.id, level.id or False), 0) / 60.0 for level in levels]
            topic_rows.append([topic.name, *hours, sum(hours)])
        level_totals = [
            sum(by_topic.get((topic.id, level.id or False), 0) for topic in data["topics"]) / 60.0
            for level in levels
        ]
        time_by_topic = {
            "title": self.env._("Hours of activities by topic and need level"),
            "columns": [
                {"label": self.env._("Topic"), "type": "text"},
                *({"label": self._rrs_level_label(level), "type": "float"} for level in levels),
                {"label": self.env._("All"), "type": "float"},
            ],
            "rows": topic_rows,
            "total": [self.env._("All"), *level_totals, sum(level_totals)],
            "notes": [],
        }
        return [caseload, time_by_topic]
