# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Black-box: the access log over JSON-2 against a running server (rule REC-4). A read and a
refused read by API clients are in the log once their requests end; the log is read by
managers and auditors and written by no one."""

from test_blackbox_json2 import refused


def entries(reader, **domain):
    return reader(
        "rrs.access.log",
        "search_read",
        domain=[(field, "=", value) for field, value in domain.items()],
        fields=["user_id", "action", "res_model", "res_id", "case_id", "unusual_reason"],
    )


def test_rec4_api_reads_and_refusals_are_logged(json2_login):
    worker1, worker2, manager, auditor = (
        json2_login(n) for n in ("worker1", "worker2", "manager", "auditor")
    )
    [case] = worker1("rrs.case", "search", domain=[("user_id", "=", worker1.uid)], limit=1)
    worker1("rrs.case", "read", ids=[case], fields=["name", "state"])
    [opened] = entries(manager, user_id=worker1.uid, res_id=case, action="open")
    assert opened["res_model"] == "rrs.case"
    assert opened["case_id"][0] == case
    assert opened["unusual_reason"] is False
    # worker2 is refused worker1's case: the request fails, the refusal is logged
    refused(lambda: worker2("rrs.case", "read", ids=[case], fields=["name"]), 403, "AccessError")
    [refusal] = entries(auditor, user_id=worker2.uid, res_id=case, action="refused")
    assert refusal["unusual_reason"] == "refused"
    # a list through the API is one entry
    found = worker1("rrs.case", "search_read", domain=[("id", "=", case)], fields=["name"])
    assert [row["id"] for row in found] == [case]
    assert entries(manager, user_id=worker1.uid, action="list")


def test_rec4_the_log_is_read_by_managers_and_auditors_and_written_by_no_one(json2_login):
    worker1, manager = json2_login("worker1"), json2_login("manager")
    [case] = worker1("rrs.case", "search", domain=[("user_id", "=", worker1.uid)], limit=1)
    worker1("rrs.case", "read", ids=[case], fields=["name"])
    [entry] = entries(manager, user_id=worker1.uid, res_id=case, action="open")[:1]
    refused(lambda: worker1("rrs.access.log", "search", domain=[]), 403, "AccessError")
    refused(
        lambda: manager("rrs.access.log", "write", ids=[entry["id"]], vals={"action": "list"}),
        403,
        "AccessError",
    )
    refused(lambda: manager("rrs.access.log", "unlink", ids=[entry["id"]]), 403, "AccessError")
    refused(
        lambda: manager(
            "rrs.access.log",
            "create",
            vals_list=[{"user_id": worker1.uid, "action": "open", "res_model": "rrs.case"}],
        ),
        403,
        "AccessError",
    )
    [after] = manager("rrs.access.log", "read", ids=[entry["id"]], fields=["action"])
    assert after["action"] == "open"


def history(reader, model, res_id):
    return reader(
        "auditlog.log",
        "search_read",
        domain=[("model_model", "=", model), ("res_id", "=", res_id)],
        fields=["user_id", "method", "rrs_case_id", "line_ids"],
        order="id",
    )


def test_rec4_an_api_change_is_in_the_change_history_kept_as_it_is(json2_login):
    worker1, supervisor, manager, auditor = (
        json2_login(n) for n in ("worker1", "supervisor", "manager", "auditor")
    )
    [case] = worker1(
        "rrs.case",
        "search",
        domain=[
            ("user_id", "=", worker1.uid),
            ("restricted", "=", False),
            ("state", "!=", "closed"),
        ],
        limit=1,
    )
    [note] = worker1(
        "rrs.case.note",
        "create",
        vals_list=[{"case_id": case, "subject": "Called the landlord"}],
    )
    worker1("rrs.case.note", "write", ids=[note], vals={"subject": "Called the landlord twice"})
    created, changed = history(manager, "rrs.case.note", note)
    assert (created["method"], changed["method"]) == ("create", "write")
    assert created["user_id"][0] == changed["user_id"][0] == worker1.uid
    assert changed["rrs_case_id"][0] == case
    [line] = manager(
        "auditlog.log.line",
        "read",
        ids=changed["line_ids"],
        fields=["field_name", "old_value_text", "new_value_text"],
    )
    assert (line["field_name"], line["old_value_text"], line["new_value_text"]) == (
        "subject",
        "Called the landlord",
        "Called the landlord twice",
    )
    # the worker's supervisor and the auditor read it; the worker does not
    assert [e["id"] for e in history(supervisor, "rrs.case.note", note)] == [
        created["id"],
        changed["id"],
    ]
    assert len(history(auditor, "rrs.case.note", note)) == 2
    refused(lambda: history(worker1, "rrs.case.note", note), 403, "AccessError")
    # no one changes or deletes it, nor forges an entry
    refused(
        lambda: manager("auditlog.log", "write", ids=[changed["id"]], vals={"method": "read"}),
        403,
        "AccessError",
    )
    refused(lambda: manager("auditlog.log", "unlink", ids=[changed["id"]]), 403, "AccessError")
    refused(
        lambda: manager(
            "auditlog.log.line", "write", ids=[line["id"]], vals={"new_value_text": ""}
        ),
        403,
        "AccessError",
    )
    assert [e["method"] for e in history(manager, "rrs.case.note", note)] == ["create", "write"]
