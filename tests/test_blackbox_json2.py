# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Black-box tests of the case security model and of bad input over Odoo 19's JSON-2 API
(``POST /json/2/<model>/<method>`` with an API key), against a running server.

Every refusal must be a clean JSON error: an HTTP 4xx status with the Odoo exception's name
and its message for the user, never a server error (500).
"""

import uuid

import pytest
from conftest import Json2Error

OPEN_STATES = ["intake", "waiting", "assessment", "active", "closing"]


def refused(call, status, name, *words):
    """``call`` is refused with ``status`` and the exception ``name``; its message holds
    ``words``. Returns the error."""
    with pytest.raises(Json2Error) as info:
        call()
    error = info.value
    assert error.status == status, (error.status, error.body)
    assert error.name == f"odoo.exceptions.{name}", error.body
    for word in words:
        assert word.lower() in error.message.lower(), (word, error.message)
    return error


@pytest.fixture(scope="module")
def worker1(json2_login):
    return json2_login("worker1")


@pytest.fixture(scope="module")
def worker2(json2_login):
    return json2_login("worker2")


def new_case(user, program_code="RRS", **vals):
    [program] = user("rrs.program", "search", domain=[("code", "=", program_code)])
    head = user(
        "res.partner",
        "create",
        vals_list=[{"name": f"Black-box Head {uuid.uuid4().hex[:8]}", "is_company": False}],
    )[0]
    values = {
        "program_id": program,
        "member_ids": [(0, 0, {"partner_id": head, "relationship": "head"})],
        **vals,
    }
    return user("rrs.case", "create", vals_list=[values])[0]


@pytest.fixture(scope="module")
def worker1_case(worker1):
    """A new case created by worker1 over JSON-2: worker1 is its primary worker."""
    return new_case(worker1)


def test_case_worker_creates_reads_and_writes_own_case(worker1, worker1_case):
    [case] = worker1(
        "rrs.case",
        "read",
        ids=[worker1_case],
        fields=["name", "user_id", "head_partner_id", "member_count", "state"],
    )
    assert case["name"].startswith("RRS/"), case["name"]
    assert case["user_id"][0] == worker1.uid
    assert case["head_partner_id"], case
    assert case["member_count"] == 1
    assert case["state"] == "intake"
    needs = f"Shelter tonight ({uuid.uuid4().hex[:8]})"
    assert worker1("rrs.case", "write", ids=[worker1_case], vals={"urgent_needs": needs}) is True
    [case] = worker1("rrs.case", "read", ids=[worker1_case], fields=["urgent_needs"])
    assert case["urgent_needs"] == needs


def test_other_case_worker_can_neither_read_nor_write_case(worker1, worker2, worker1_case):
    """A case worker who is neither the primary nor a secondary worker of a case cannot
    read it, does not find it, and cannot write it; the refused write changes nothing."""
    # rule ELIG-2: every family has one primary worker who alone, with secondary workers
    # and supervisors, may see it.
    needs = f"Written by the primary worker ({uuid.uuid4().hex[:8]})"
    worker1("rrs.case", "write", ids=[worker1_case], vals={"urgent_needs": needs})
    refused(
        lambda: worker2("rrs.case", "read", ids=[worker1_case], fields=["urgent_needs"]),
        403,
        "AccessError",
        "access",
    )
    assert worker2("rrs.case", "search", domain=[("id", "=", worker1_case)]) == []
    refused(
        lambda: worker2(
            "rrs.case", "write", ids=[worker1_case], vals={"urgent_needs": "Overwritten"}
        ),
        403,
        "AccessError",
    )
    [case] = worker1("rrs.case", "read", ids=[worker1_case], fields=["urgent_needs"])
    assert case["urgent_needs"] == needs


def test_worker1_cannot_read_or_write_worker2_case_or_its_note(json2_login, worker1, worker2):
    """Cross-worker refusal on the demo data: worker2's case and a note of it stay out of
    worker1's reach, read or write; nothing is changed by the refused writes."""
    # rule ELIG-2 (assignment) and CON-2 (information shared only with those who need it)
    manager = json2_login("manager")
    cases = worker2("rrs.case", "search", domain=[("user_id", "=", worker2.uid)])
    notes = manager(
        "rrs.case.note",
        "search_read",
        domain=[("case_id", "in", cases), ("case_id.secondary_user_ids", "=", False)],
        fields=["case_id", "body"],
        limit=1,
    )
    assert notes, "the demo has notes on worker2's cases"
    note = notes[0]
    case_id = note["case_id"][0]
    for model, rid in (("rrs.case", case_id), ("rrs.case.note", note["id"])):
        refused(
            lambda model=model, rid=rid: worker1(model, "read", ids=[rid], fields=["display_name"]),
            403,
            "AccessError",
            "access",
        )
        assert worker1(model, "search", domain=[("id", "=", rid)]) == []
    refused(
        lambda: worker1("rrs.case", "write", ids=[case_id], vals={"urgent_needs": "Overwritten"}),
        403,
        "AccessError",
    )
    refused(
        lambda: worker1(
            "rrs.case.note", "write", ids=[note["id"]], vals={"body": "<p>Changed</p>"}
        ),
        403,
        "AccessError",
    )
    [after] = manager("rrs.case.note", "read", ids=[note["id"]], fields=["body"])
    assert after["body"] == note["body"]


def test_stage_and_system_fields_are_not_plain_writes(worker1):
    """A client's plain write of the stage is the same move as the button, with the same
    checks; fields the system sets are refused, with a clean JSON error."""
    case_id = new_case(worker1, applicant_informed_date="2026-01-05")
    # rule CON-1 (and the stage order): intake never jumps to "in service"
    error = refused(
        lambda: worker1("rrs.case", "write", ids=[case_id], vals={"state": "active"}),
        422,
        "UserError",
        "cannot go from",
    )
    assert "Traceback" not in error.message
    [category] = worker1(
        "rrs.immigration.category", "search", domain=[("code", "=", "refugee")], limit=1
    ) or worker1("rrs.immigration.category", "search", domain=[], limit=1)
    worker1("rrs.case", "write", ids=[case_id], vals={"immigration_category_id": category})
    worker1("rrs.case", "action_accept", ids=[case_id])
    # rule CON-1: services start once the confidentiality form and charter are signed
    refused(
        lambda: worker1("rrs.case", "write", ids=[case_id], vals={"state": "active"}),
        422,
        "UserError",
        "once these forms are signed",
        "Confidentiality form",
    )
    [case] = worker1("rrs.case", "read", ids=[case_id], fields=["state"])
    assert case["state"] == "assessment"
    # rule REC-3: the closing date and the reopening count are the system's
    for vals in ({"closing_date": "2026-01-06"}, {"reopen_count": 3}):
        refused(
            lambda vals=vals: worker1("rrs.case", "write", ids=[case_id], vals=vals),
            422,
            "UserError",
            "set by the system",
        )


def test_typed_wrong_values_get_a_clean_error(worker1, worker1_case):
    for vals, words in (
        ({"arrival_date": "last spring"}, ("Arrival date", "expected a date")),
        ({"primary_language_id": [1, 2]}, ("expected the id of a record",)),
        ({"primary_language_id": 2147483647}, ("no record with id",)),
        ({"urgent_needs": "Shelter\u0000"}, ("NUL",)),
        ({"color": 10**30}, ("expected a whole number",)),
        ({"priority": "urgent"}, ("not one of the choices",)),
        ({"language_ids": False, "no_such_field": 1}, ("has no field",)),
        ({"member_ids": [[0, 0, {"partner_id": "me"}]]}, ("expected the id of a record",)),
    ):
        refused(
            lambda vals=vals: worker1("rrs.case", "write", ids=[worker1_case], vals=vals),
            422,
            "ValidationError",
            *words,
        )
    refused(
        lambda: worker1("rrs.case", "create", vals_list=[{"program_id": "RRS"}]),
        422,
        "ValidationError",
        "expected the id of a record",
    )
    refused(
        lambda: worker1("rrs.case", "write", ids=["one"], vals={"color": 1}),
        422,
        "ValidationError",
        "is not the id of a record",
    )


def test_questionnaire_over_json2(worker1):
    """The questionnaire's data travels as JSON; a wrong answer is refused before anything is
    written."""
    [assessment] = worker1(
        "rrs.assessment",
        "search",
        domain=[("state", "in", ["planned", "in_progress"])],
        limit=1,
    )
    data = worker1("rrs.assessment", "get_questionnaire", ids=[assessment])
    questions = [q for factor in data["factors"] for q in factor["questions"]]
    first, second = questions[:2]
    before = data["answered_count"]
    refused(
        lambda: worker1(
            "rrs.assessment",
            "save_answer",
            ids=[assessment],
            question_id=first["id"],
            option_id=second["options"][0]["id"],
        ),
        422,
        "ValidationError",
        "belongs to another question",
    )
    refused(
        lambda: worker1(
            "rrs.assessment", "save_answer", ids=[assessment], question_id="x", option_id=False
        ),
        422,
        "ValidationError",
        "question",
    )
    again = worker1("rrs.assessment", "get_questionnaire", ids=[assessment])
    assert again["answered_count"] == before
    summary = worker1(
        "rrs.assessment",
        "save_answer",
        ids=[assessment],
        question_id=first["id"],
        option_id=first["options"][0]["id"],
    )
    assert summary["state"] == "in_progress", summary
    assert all(isinstance(key, str) for key in summary["factor_levels"])


def test_prs9_caseload_warning_reaches_the_client(worker1):
    """The 25th open PRS case of a worker carries no warning, the 26th does (rule PRS-9)."""
    # rule PRS-9: 1:25 per case manager, may go up to 1:40
    [program] = worker1("rrs.program", "search", domain=[("code", "=", "PRS")])
    [target] = worker1("rrs.program", "read", ids=[program], fields=["caseload_target"])
    assert target["caseload_target"] == 25
    open_cases = worker1(
        "rrs.case",
        "search_count",
        domain=[
            ("user_id", "=", worker1.uid),
            ("program_id", "=", program),
            ("state", "in", OPEN_STATES),
        ],
    )
    assert open_cases < 25, open_cases
    for _i in range(24 - open_cases):
        new_case(worker1, "PRS")
    case_25 = new_case(worker1, "PRS")
    [case] = worker1("rrs.case", "read", ids=[case_25], fields=["caseload_warning"])
    assert case["caseload_warning"] is False
    case_26 = new_case(worker1, "PRS")
    [case] = worker1("rrs.case", "read", ids=[case_26], fields=["caseload_warning"])
    assert "already has 25 open cases" in case["caseload_warning"], case
    assert "target of 25" in case["caseload_warning"], case


def test_server_logged_no_crash(odoo_server):
    """Run last in this module: none of the requests above crashed on the server (an error
    answered as 500) or slipped past the type check."""
    with open(odoo_server.log_path, encoding="utf-8", errors="replace") as log:
        text = log.read()
    assert "Exception during request handling" not in text, text[-3000:]
    assert "not caught by the type check" not in text, text[-3000:]
