# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Black-box tests of rrs_volunteer over Odoo 19's JSON-2 API with API keys: a volunteer's own
API key reads their active match and nothing of the case (rule VOL-2); a match goes from the
case worker's request to the coordinator's proposal of a screened volunteer (VOL-1) and the
case worker's approval under a release naming the volunteer (CON-2), whatever the client."""

import datetime
import uuid
import zoneinfo

import pytest
from test_blackbox_json2 import refused

MATCH_FIELDS = ["name", "task_type_id", "family_first_names", "meeting_place", "state"]


@pytest.fixture(scope="module")
def volunteer(json2_login):
    return json2_login("volunteer")


@pytest.fixture(scope="module")
def worker2(json2_login):
    return json2_login("worker2")


@pytest.fixture(scope="module")
def coordinator(json2_login):
    return json2_login("coordinator")


def test_vol2_volunteer_api_key_reads_the_match_and_nothing_of_the_case(volunteer):
    matches = volunteer("rrs.volunteer.match", "search_read", domain=[], fields=MATCH_FIELDS)
    assert matches and {m["state"] for m in matches} == {"active"}, matches
    assert all(m["family_first_names"] and m["meeting_place"] for m in matches), matches
    refused(
        lambda: volunteer(
            "rrs.volunteer.match", "read", ids=[matches[0]["id"]], fields=["case_id"]
        ),
        403,
        "AccessError",
    )
    refused(
        lambda: volunteer("rrs.case", "search_read", domain=[], fields=["name"]),
        403,
        "AccessError",
    )
    refused(
        lambda: volunteer("rrs.case.note", "search_read", domain=[], fields=["body"]),
        403,
        "AccessError",
    )
    # people served are protected contacts: none is found by a volunteer
    people = volunteer(
        "res.partner", "search_read", domain=[("rrs_person_served", "=", True)], fields=["name"]
    )
    assert people == [], people


def test_vol1_con2_request_proposal_and_approval_over_json2(worker2, coordinator):
    # the case worker asks for a volunteer for one of her families
    [case] = worker2(
        "rrs.case",
        "search",
        domain=[
            ("user_id", "=", worker2.uid),
            ("restricted", "=", False),
            ("state", "=", "active"),
        ],
        limit=1,
    )
    [task] = worker2("rrs.volunteer.task.type", "search", domain=[("name", "=", "Tutoring")])
    [match] = worker2(
        "rrs.volunteer.match",
        "create",
        vals_list=[
            {
                "case_id": case,
                "task_type_id": task,
                "meeting_place": f"Public library ({uuid.uuid4().hex[:6]})",
            }
        ],
    )
    # the coordinator does not read the case file
    refused(
        lambda: coordinator("rrs.case", "read", ids=[case], fields=["name"]), 403, "AccessError"
    )
    expired = coordinator("rrs.volunteer", "search", domain=[("name", "=", "Ahmed Saleh")])
    screened = coordinator("rrs.volunteer", "search", domain=[("name", "=", "Tom Becker")])
    assert expired and screened
    coordinator("rrs.volunteer.match", "write", ids=[match], vals={"volunteer_id": expired[0]})
    # rule VOL-1: a volunteer whose police check expired is not proposed, by a plain write too
    refused(
        lambda: coordinator(
            "rrs.volunteer.match", "write", ids=[match], vals={"state": "proposed"}
        ),
        422,
        "UserError",
        "expired",
    )
    coordinator("rrs.volunteer.match", "write", ids=[match], vals={"volunteer_id": screened[0]})
    coordinator("rrs.volunteer.match", "action_propose", ids=[match])
    # rule CON-2: the case worker approves only under a release naming the volunteer
    refused(
        lambda: worker2("rrs.volunteer.match", "action_approve", ids=[match]),
        422,
        "UserError",
        "release of information",
    )
    [volunteer_row] = worker2("rrs.volunteer", "read", ids=screened, fields=["partner_id"])
    [head] = worker2(
        "rrs.case.member",
        "search_read",
        domain=[("case_id", "=", case), ("relationship", "=", "head")],
        fields=["partner_id"],
    )
    # the worker's own day (their time zone), as the server judges the signing date
    [me] = worker2("res.users", "read", ids=[worker2.uid], fields=["tz"])
    today = datetime.datetime.now(zoneinfo.ZoneInfo(me["tz"] or "UTC")).date()
    worker2(
        "rrs.consent",
        "create",
        vals_list=[
            {
                "case_id": case,
                "consent_type": "release",
                "member_id": head["id"],
                "signer_role": "client",
                "signer_partner_id": head["partner_id"][0],
                "signature_date": today.isoformat(),
                "party_partner_id": volunteer_row["partner_id"][0],
                "scope": "First names and the meeting place, for tutoring.",
                "expiry_date": (today + datetime.timedelta(days=180)).isoformat(),
            }
        ],
    )
    worker2("rrs.volunteer.match", "action_approve", ids=[match])
    [row] = worker2(
        "rrs.volunteer.match", "read", ids=[match], fields=["state", "consent_id", "approved_by_id"]
    )
    assert row["state"] == "active" and row["consent_id"], row
    assert row["approved_by_id"][0] == worker2.uid, row
    # a field only the system sets stays the system's
    refused(
        lambda: worker2(
            "rrs.volunteer.match", "write", ids=[match], vals={"approved_by_id": coordinator.uid}
        ),
        422,
        "UserError",
        "set by the system",
    )
