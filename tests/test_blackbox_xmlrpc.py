# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Black-box test of the XML-RPC API (deprecated in Odoo 19, still served), against a running
server: the other black-box tests use JSON-2 (test_blackbox_json2.py).

Only the public XML-RPC API is used, as the demo users (password = login); the server
serves a private copy of the test database (see conftest.py).
"""

import uuid
import xmlrpc.client

import pytest


@pytest.fixture(scope="module")
def worker1(rpc_login):
    return rpc_login("worker1")


def test_case_worker_creates_reads_and_writes_own_case_over_xmlrpc(worker1):
    """A case worker creates a case over XML-RPC, becomes its primary worker with the
    head of household in it, and can read it back and write it; the questionnaire's data
    and a clean refusal travel over XML-RPC too."""
    programs = worker1("rrs.program", "search", [("code", "=", "RRS")])
    assert len(programs) == 1, programs
    head = worker1(
        "res.partner",
        "create",
        {"name": f"Black-box Head {uuid.uuid4().hex[:8]}", "is_company": False},
    )
    case_id = worker1(
        "rrs.case",
        "create",
        {
            "program_id": programs[0],
            "member_ids": [(0, 0, {"partner_id": head, "relationship": "head"})],
        },
    )
    [case] = worker1(
        "rrs.case",
        "read",
        [case_id],
        fields=["name", "user_id", "head_partner_id", "member_count", "state"],
    )
    assert case["name"].startswith("RRS/"), case["name"]
    assert case["user_id"][0] == worker1.uid
    assert case["head_partner_id"], case
    assert case["member_count"] == 1
    assert case["state"] == "intake"

    needs = f"Shelter tonight ({uuid.uuid4().hex[:8]})"
    assert worker1("rrs.case", "write", [case_id], {"urgent_needs": needs}) is True
    [case] = worker1("rrs.case", "read", [case_id], fields=["urgent_needs"])
    assert case["urgent_needs"] == needs

    with pytest.raises(xmlrpc.client.Fault) as refused:
        worker1("rrs.case", "write", [case_id], {"arrival_date": "last spring"})
    assert "expected a date" in refused.value.faultString

    # the questionnaire's answer is made of what XML-RPC carries (no None, text keys)
    assessments = worker1(
        "rrs.assessment", "search", [("state", "in", ["planned", "in_progress"])], limit=1
    )
    assert assessments, "the demo has open assessments on worker1's cases"
    data = worker1("rrs.assessment", "get_questionnaire", assessments)
    assert data["factors"] and data["factors"][0]["questions"], data
