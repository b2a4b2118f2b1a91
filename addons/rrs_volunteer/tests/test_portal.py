# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The volunteer's portal pages and JSON-RPC, over HTTP, as the portal user (rule VOL-2: a
volunteer learns only what the task needs)."""

from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from .portal_common import (
    DESCRIPTION,
    FAMILY_NAME,
    FIRST_NAME,
    MEETING_PLACE,
    NOTE_WORD,
    STREET,
    VolunteerPortalCommon,
)

OTHER_PLACE = "Arrivals hall, door 3"


@tagged("post_install", "-at_install")
class TestVolunteerPortal(HttpCase, VolunteerPortalCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_match.with_user(cls.coordinator).write(
            {"meeting_place": OTHER_PLACE, "description": "Bring a welcome sign."}
        )

    def _login(self, user):
        self.authenticate(user.login, user.login)

    def _hours(self, volunteer=None):
        return self.env["rrs.volunteer.hours"].search(
            [("volunteer_id", "=", (volunteer or self.vol).id)]
        )

    def _post_hours(self, **values):
        """Post the hours form as the browser does, with the page's CSRF token."""
        html = self._page("/my/volunteer/hours")
        data = {
            "csrf_token": self._csrf(html),
            "date": fields.Date.to_string(self.today),
            "hours": "2.5",
            "match_id": str(self.match.id),
            "activity": "Conversation practice at the library",
        }
        data.update(values)
        response = self.url_open("/my/volunteer/hours", data=data)
        self.assertEqual(response.status_code, 200)
        return response

    def _call_kw(self, model, method, args, kwargs=None):
        """JSON-RPC with the session of the logged-in user: (result, error)."""
        response = self.url_open(
            "/web/dataset/call_kw",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "id": 1,
                "params": {
                    "model": model,
                    "method": method,
                    "args": args,
                    "kwargs": kwargs or {},
                },
            },
        )
        self.assertEqual(response.status_code, 200)
        body = response.json()
        return body.get("result"), body.get("error")

    def assertRpcRefused(self, error, regex):
        self.assertTrue(error, "the call is refused")
        self.assertEqual(error["data"]["name"], "odoo.exceptions.AccessError")
        self.assertRegex(error["data"]["message"], regex)

    # ------------------------------------------------------------- matches page
    def test_vol2_matches_page_shows_what_the_task_needs_only(self):
        # rule VOL-2: first names, task, meeting place and time, description; nothing else
        self._login(self.vol_user)
        html = self._page("/my/volunteer/matches")
        self.assertIn("o_rrs_volunteer_match", html)
        for shown in (FIRST_NAME, "Karim", MEETING_PLACE, DESCRIPTION, "Mentoring"):
            self.assertIn(shown, html)
        self.assertIn(f"/my/volunteer/hours?match_id={self.match.id}", html)
        self.assertTrue(self.case.name and self.case.name != "/")
        for hidden in (FAMILY_NAME, STREET, "Winnipeg", NOTE_WORD, self.case.name):
            self.assertNotIn(hidden, html)
        # another volunteer's task is not listed
        self.assertNotIn(OTHER_PLACE, html)

    def test_vol2_matches_page_shows_the_language_to_speak(self):
        # the volunteer reads the name of the family's language (reference data)
        language = self.env["rrs.language"].search([], limit=1)
        self.match.with_user(self.coordinator).language_id = language
        self._login(self.vol_user)
        html = self._page("/my/volunteer/matches")
        self.assertIn(f"<span>{language.name}</span>", html)
        result, error = self._call_kw(
            "rrs.volunteer.match", "search_read", [[]], {"fields": ["language_id"]}
        )
        self.assertFalse(error)
        self.assertEqual(result[0]["language_id"], [language.id, language.display_name])

    def test_vol2_another_volunteer_does_not_see_the_match(self):
        # rule VOL-2: a volunteer reads their own matches only
        self._login(self.other_user)
        html = self._page("/my/volunteer/matches")
        self.assertIn(OTHER_PLACE, html)
        self.assertIn("Airport reception", html)
        for hidden in (FIRST_NAME, MEETING_PLACE, DESCRIPTION, FAMILY_NAME):
            self.assertNotIn(hidden, html)
        hours = self._page("/my/volunteer/hours")
        self.assertNotIn(f'value="{self.match.id}"', hours)
        self.assertIn(f'value="{self.other_match.id}"', hours)

    def test_vol2_a_portal_user_who_is_no_volunteer_is_sent_home(self):
        stranger = new_test_user(self.env, login="rrs_portal_stranger", groups="base.group_portal")
        self._login(stranger)
        for url in ("/my/volunteer/matches", "/my/volunteer/hours"):
            response = self.url_open(url, allow_redirects=False)
            self.assertEqual(response.status_code, 303, url)
            self.assertTrue(response.headers["Location"].endswith("/my"), url)

    def test_vol2_an_ended_match_leaves_the_page(self):
        # rule VOL-2: the volunteer reads the match only while it is active
        self._login(self.vol_user)
        self.assertIn(MEETING_PLACE, self._page("/my/volunteer/matches"))
        self.match.with_user(self.worker).write({"end_reason": "The family moved away."})
        self.match.with_user(self.worker).action_end()
        self.assertEqual(self.match.state, "ended")
        html = self._page("/my/volunteer/matches")
        self.assertIn("You have no active match", html)
        for hidden in (FIRST_NAME, MEETING_PLACE, DESCRIPTION):
            self.assertNotIn(hidden, html)
        self.assertNotIn(f'value="{self.match.id}"', self._page("/my/volunteer/hours"))

    # --------------------------------------------------------------- hours page
    def test_vol2_logging_hours_creates_a_submitted_line(self):
        self._login(self.vol_user)
        self.assertFalse(self._hours())
        response = self._post_hours()
        self.assertIn("logged=1", response.url)
        self.assertIn("o_rrs_hours_logged", response.text)
        self.assertNotIn("o_rrs_hours_error", response.text)
        line = self._hours()
        self.assertEqual(len(line), 1)
        self.assertRecordValues(
            line,
            [
                {
                    "volunteer_id": self.vol.id,
                    "match_id": self.match.id,
                    "date": self.today,
                    "hours": 2.5,
                    "activity": "Conversation practice at the library",
                    "state": "submitted",
                    "task_type_id": self.task_mentoring.id,
                    "case_id": self.case.id,
                    "create_uid": self.vol_user.id,
                }
            ],
        )
        # the line and the totals are on the page
        self.assertIn("Conversation practice at the library", response.text)
        self.assertIn("o_rrs_hours_line", response.text)
        self.assertIn('<div class="fs-4 o_rrs_month_total">2.50</div>', response.text)

    def test_vol2_hours_without_a_match_are_logged_too(self):
        self._login(self.vol_user)
        response = self._post_hours(match_id="", activity="Welcome event", hours="1,5")
        self.assertIn("o_rrs_hours_logged", response.text)
        line = self._hours()
        self.assertRecordValues(
            line, [{"match_id": False, "hours": 1.5, "activity": "Welcome event"}]
        )

    def test_vol2_invalid_hours_are_refused_and_nothing_is_written(self):
        ended = self._approved_match(
            False, self.vol, task=self.task_airport, place="Terminal 1, gate B"
        )
        ended.with_user(self.coordinator).write({"end_reason": "The flight landed."})
        ended.with_user(self.coordinator).action_end()
        future = fields.Date.to_string(self.today + timedelta(days=2))
        before = fields.Date.to_string(self.today - timedelta(days=1))
        cases = [
            ({"hours": "abc"}, "Write the hours as a number"),
            ({"hours": "0"}, "Hours are more than 0 and at most 16 a day"),
            ({"hours": "-2"}, "Hours are more than 0 and at most 16 a day"),
            ({"hours": "20"}, "Hours are more than 0 and at most 16 a day"),
            ({"hours": "16.25"}, "Hours are more than 0 and at most 16 a day"),
            ({"date": future}, "Hours are logged once given, not in advance"),
            ({"date": "yesterday"}, "Choose the day you gave the hours"),
            ({"date": before}, "The match started on"),
            ({"activity": "   "}, "Say in a few words what you did"),
            ({"match_id": "x"}, "Choose one of your matches"),
            ({"match_id": str(self.other_match.id)}, "logged on a match while it is active"),
            ({"match_id": str(ended.id)}, "logged on a match while it is active"),
        ]
        self._login(self.vol_user)
        for values, message in cases:
            with self.subTest(values=values):
                response = self._post_hours(**values)
                self.assertNotIn("logged=1", response.url)
                self.assertNotIn("o_rrs_hours_logged", response.text)
                self.assertIn("o_rrs_hours_error", response.text)
                self.assertIn(message, response.text)
                self.assertFalse(self._hours(), "nothing is written")
        self.assertFalse(self._hours(self.other_vol))
        # the limits themselves are accepted
        for hours in ("0.25", "16"):
            response = self._post_hours(hours=hours)
            self.assertIn("o_rrs_hours_logged", response.text, hours)
        self.assertEqual(sorted(self._hours().mapped("hours")), [0.25, 16.0])

    def test_vol2_hours_page_lists_own_lines_and_totals(self):
        Hours = self.env["rrs.volunteer.hours"]
        mine = Hours.with_user(self.vol_user).create(
            [
                {"match_id": self.match.id, "hours": 3, "activity": "Bus routes together"},
                {"match_id": self.match.id, "hours": 1, "activity": "Library card"},
            ]
        )
        mine[0].with_user(self.coordinator).action_approve()
        Hours.with_user(self.other_user).create(
            {"match_id": self.other_match.id, "hours": 5, "activity": "Airport luggage"}
        )
        self._login(self.vol_user)
        html = self._page("/my/volunteer/hours")
        self.assertIn("Bus routes together", html)
        self.assertIn("Library card", html)
        self.assertNotIn("Airport luggage", html)
        self.assertIn('<div class="fs-4 o_rrs_month_total">4.00</div>', html)
        self.assertIn('<div class="fs-4 o_rrs_approved_total">3.00</div>', html)

    # ----------------------------------------------------------------- counters
    def test_vol2_home_counters(self):
        counters = ["volunteer_match_count", "volunteer_hours_count"]
        self.env["rrs.volunteer.hours"].with_user(self.vol_user).create(
            [
                {"match_id": self.match.id, "hours": 2, "activity": "Visit"},
                {"hours": 1, "activity": "Training"},
            ]
        )
        self._login(self.vol_user)
        self.assertEqual(
            self.make_jsonrpc_request("/my/counters", {"counters": counters}),
            {"volunteer_match_count": 1, "volunteer_hours_count": 2},
        )
        self._login(self.other_user)
        self.assertEqual(
            self.make_jsonrpc_request("/my/counters", {"counters": counters}),
            {"volunteer_match_count": 1, "volunteer_hours_count": 0},
        )
        self.match.with_user(self.worker).write({"end_reason": "Done."})
        self.match.with_user(self.worker).action_end()
        self._login(self.vol_user)
        self.assertEqual(
            self.make_jsonrpc_request("/my/counters", {"counters": counters}),
            {"volunteer_match_count": 0, "volunteer_hours_count": 2},
        )
        stranger = new_test_user(self.env, login="rrs_portal_counter", groups="base.group_portal")
        self._login(stranger)
        self.assertEqual(
            self.make_jsonrpc_request("/my/counters", {"counters": counters}),
            {"volunteer_match_count": 0, "volunteer_hours_count": 0},
        )
        html = self._page("/my")
        self.assertIn("/my/volunteer/matches", html)

    # ----------------------------------------------------------------- JSON-RPC
    def test_vol2_rpc_reads_the_own_active_match_only(self):
        self.assertGreater(self.env["rrs.volunteer.match"].search_count([]), 2)
        self._login(self.vol_user)
        result, error = self._call_kw(
            "rrs.volunteer.match",
            "search_read",
            [[]],
            {"fields": ["name", "family_first_names", "meeting_place", "description"]},
        )
        self.assertFalse(error)
        self.assertEqual([r["id"] for r in result], [self.match.id])
        self.assertEqual(result[0]["meeting_place"], MEETING_PLACE)
        self.assertNotIn(FAMILY_NAME, result[0]["family_first_names"])
        self.assertIn(FIRST_NAME, result[0]["family_first_names"])

        _result, error = self._call_kw(
            "rrs.volunteer.match", "search_read", [[]], {"fields": ["case_id"]}
        )
        self.assertRpcRefused(error, "case_id")
        _result, error = self._call_kw(
            "rrs.volunteer.match", "read", [self.match.ids, ["consent_id"]]
        )
        self.assertRpcRefused(error, "consent_id")
        _result, error = self._call_kw("rrs.case", "search_read", [[]], {"fields": ["name"]})
        self.assertRpcRefused(error, r"rrs\.case")
        _result, error = self._call_kw("rrs.case.note", "search_read", [[]], {"fields": ["body"]})
        self.assertRpcRefused(error, r"rrs\.case\.note")
        # the other volunteer's match, asked by id
        _result, error = self._call_kw(
            "rrs.volunteer.match", "read", [self.other_match.ids, ["meeting_place"]]
        )
        self.assertRpcRefused(error, "rrs.volunteer.match")

    def test_vol2_rpc_loses_the_match_when_it_ends(self):
        self.match.with_user(self.worker).write({"end_reason": "The family moved away."})
        self.match.with_user(self.worker).action_end()
        self._login(self.vol_user)
        result, error = self._call_kw(
            "rrs.volunteer.match", "search_read", [[]], {"fields": ["meeting_place"]}
        )
        self.assertFalse(error)
        self.assertEqual(result, [])
        _result, error = self._call_kw(
            "rrs.volunteer.match", "read", [self.match.ids, ["meeting_place"]]
        )
        self.assertRpcRefused(error, "rrs.volunteer.match")

    def test_vol2_json2_with_an_api_key_reads_the_own_active_match_only(self):
        """The same limits through the external API, should the agency let volunteers have
        an API key (portal setting ``portal.allow_api_keys``)."""
        self.env["ir.config_parameter"].set_param("portal.allow_api_keys", True)
        key = (
            self.env["res.users.apikeys"]
            .with_user(self.vol_user)
            ._generate("rpc", "phone", fields.Datetime.now() + timedelta(days=1))
        )
        headers = {"Authorization": f"bearer {key}"}

        def json2(model, method, **params):
            return self.url_open(f"/json/2/{model}/{method}", json=params, headers=headers)

        response = json2("rrs.volunteer.match", "search_read", domain=[], fields=["name"])
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual([r["id"] for r in response.json()], [self.match.id])
        for model, fields_ in (
            ("rrs.volunteer.match", ["case_id"]),
            ("rrs.case", ["name"]),
            ("rrs.case.member", ["partner_id"]),
        ):
            with self.subTest(model=model, fields=fields_):
                response = json2(model, "search_read", domain=[], fields=fields_)
                self.assertEqual(response.status_code, 403, response.text)
                self.assertEqual(response.json()["name"], "odoo.exceptions.AccessError")
