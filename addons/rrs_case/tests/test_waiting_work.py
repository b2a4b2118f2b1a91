# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Issue 9: the supervisor starts on the work waiting for them; each number is what the list
behind it shows, counted with the supervisor's own rights (their team only)."""

from datetime import datetime, timedelta

from lxml import etree

from odoo.tests import tagged
from odoo.tools.safe_eval import datetime as safe_datetime
from odoo.tools.safe_eval import safe_eval

from .common import RrsCaseCommon


class WaitingWorkCommon(RrsCaseCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.case = cls._active_case()  # worker's case: the supervisor's team
        cls.far_case = cls._active_case(user=cls.worker_far)  # another team's case
        cls.landlord = cls.env["res.partner"].create(
            {"name": "Oak Lane Rentals", "is_company": True}
        )

    def _visit(self, case, days=1):
        visit = (
            self.env["rrs.home.visit"]
            .with_user(case.user_id)
            .create(
                {
                    "case_id": case.id,
                    "worker_id": case.user_id.id,
                    "start": datetime.now().replace(hour=9, minute=0, second=0, microsecond=0)
                    + timedelta(days=days),
                    "purpose": "Check the heating",
                    "risk_level": "low",
                }
            )
        )
        visit.action_assess_risk()
        return visit

    def _letter(self, case, subject="Letter to the landlord"):
        letter = (
            self.env["rrs.case.note"]
            .with_user(case.user_id)
            .create(
                {
                    "case_id": case.id,
                    "subject": subject,
                    "contact_type": "correspondence",
                    "direction": "out",
                    "channel": "letter",
                    "purpose": "Ask for repairs",
                    "correspondent_partner_id": self.landlord.id,
                    "on_behalf_of_client": True,
                    "body": "<p>The family has had no heating since November 2.</p>",
                }
            )
        )
        letter.action_request_signature()
        return letter

    def _cards(self, user):
        return {
            card["key"]: card
            for card in self.env["rrs.waiting.work"].with_user(user).rrs_get_cards()
        }

    def _list_count(self, user, card):
        """What the card's action shows to the user: the action's domain and the search view's
        filters the card switches on, evaluated as the web client does."""
        action = self.env.ref(card["action"])
        env = self.env(user=user)
        model = env[action.res_model]
        context = {**safe_eval(action.context or "{}", {"uid": user.id}), **card["context"]}
        view = action.search_view_id or env["ir.ui.view"].browse(
            model.get_view(view_type="search")["id"]
        )
        arch = etree.fromstring(model.get_view(view.id, "search")["arch"])
        domain = safe_eval(action.domain or "[]", {"uid": user.id})
        eval_context = {
            "uid": user.id,
            "context_today": lambda: safe_datetime.date.today(),
            "datetime": safe_datetime,
        }
        for key, value in context.items():
            if key.startswith("search_default_") and value:
                node = arch.find(f".//filter[@name='{key[len('search_default_') :]}']")
                if node is not None and node.get("domain"):
                    domain += safe_eval(node.get("domain"), eval_context)
        return model.search_count(domain)


@tagged("post_install", "-at_install")
class TestWaitingWork(WaitingWorkCommon):
    def test_supervisor_sees_the_team_work_waiting_and_the_lists_agree(self):
        self._visit(self.case)
        self._visit(self.case, days=-1)  # planned yesterday and still not authorised: late
        self._visit(self.far_case)
        self._letter(self.case)
        self._letter(self.far_case)
        cards = self._cards(self.supervisor)
        self.assertEqual(cards["visits"]["count"], 2, "the team's visits, not the other team's")
        self.assertEqual(cards["visits"]["late"], 1)
        self.assertEqual(cards["letters"]["count"], 1)
        for card in cards.values():
            self.assertEqual(
                card["count"],
                self._list_count(self.supervisor, card),
                f"the number on “{card['title']}” is what its list shows",
            )
        # the other team's supervisor sees their own team's work
        other = self._cards(self.supervisor_other)
        self.assertEqual((other["visits"]["count"], other["letters"]["count"]), (1, 1))

    def test_signing_a_letter_takes_it_off_the_card(self):
        letter = self._letter(self.case)
        self.assertEqual(self._cards(self.supervisor)["letters"]["count"], 1)
        letter.with_user(self.supervisor).action_sign_letter()
        self.assertEqual(self._cards(self.supervisor)["letters"]["count"], 0)

    def test_roles_without_supervision_get_no_card(self):
        self._visit(self.case)
        for user in (self.worker, self.finance, self.auditor, self.volunteer):
            self.assertEqual(self._cards(user), {}, user.login)

    def test_each_role_home_and_the_menu(self):
        action = self.env.ref("rrs_case.rrs_waiting_work_action")
        self.assertEqual(self.supervisor.rrs_home_action(), action)
        self.assertEqual(
            self.manager.rrs_home_action(), self.env.ref("rrs_case.rrs_case_action_analysis")
        )
        menu = self.env.ref("rrs_case.rrs_waiting_work_menu")
        visible = self.env["ir.ui.menu"].with_user(self.worker)._visible_menu_ids()
        self.assertNotIn(menu.id, visible)
        visible = self.env["ir.ui.menu"].with_user(self.supervisor)._visible_menu_ids()
        self.assertIn(menu.id, visible)

    def _queries(self, user):
        Waiting = self.env["rrs.waiting.work"].with_user(user)
        Waiting.rrs_get_cards()  # warm the caches (rules, groups, views)
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        cards = Waiting.rrs_get_cards()
        return self.env.cr.sql_log_count - before, {c["key"]: c["count"] for c in cards}

    def test_query_count_does_not_grow_with_the_work(self):
        self._visit(self.case)
        self._letter(self.case)
        small_queries, small = self._queries(self.supervisor)
        for _i in range(15):
            self._visit(self.case, days=-1)
            self._letter(self.case)
        big_queries, big = self._queries(self.supervisor)
        self.assertEqual((small["visits"], big["visits"]), (1, 16))
        self.assertEqual(small_queries, big_queries, "the same queries at both sizes")
        # one COUNT per card and one per late part, plus the rules' own lookups
        self.assertLessEqual(big_queries, 12)
