# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Black-box tests of the case security model over XML-RPC, against a running server.

Only the public XML-RPC API is used, as the demo users (password = login); the server
serves a private copy of the test database (see conftest.py).
"""

import uuid
import xmlrpc.client

import pytest

ACCESS_ERROR = 4  # faultCode of an odoo.exceptions.AccessError on /xmlrpc/2


def assert_access_error(fault_info):
    fault = fault_info.value
    assert fault.faultCode == ACCESS_ERROR, (fault.faultCode, fault.faultString)
    assert "access" in fault.faultString.lower(), fault.faultString


@pytest.fixture(scope="module")
def worker1(rpc_login):
    return rpc_login("worker1")


@pytest.fixture(scope="module")
def worker1_case(worker1):
    """A new case created by worker1 over XML-RPC: worker1 is its primary worker."""
    programs = worker1("rrs.program", "search", [("code", "=", "RRS")])
    assert len(programs) == 1, programs
    head = worker1(
        "res.partner",
        "create",
        {"name": f"Black-box Head {uuid.uuid4().hex[:8]}", "is_company": False},
    )
    return worker1(
        "rrs.case",
        "create",
        {
            "program_id": programs[0],
            "member_ids": [(0, 0, {"partner_id": head, "relationship": "head"})],
        },
    )


def test_case_worker_creates_reads_and_writes_own_case(worker1, worker1_case):
    """A case worker creates a case over XML-RPC, becomes its primary worker with the
    head of household in it, and can read it back and write it."""
    [case] = worker1(
        "rrs.case",
        "read",
        [worker1_case],
        fields=["name", "user_id", "head_partner_id", "member_count", "state"],
    )
    assert case["name"].startswith("RRS/"), case["name"]
    assert case["user_id"][0] == worker1.uid
    assert case["head_partner_id"], case
    assert case["member_count"] == 1
    assert case["state"] == "intake"

    needs = f"Shelter tonight ({uuid.uuid4().hex[:8]})"
    assert worker1("rrs.case", "write", [worker1_case], {"urgent_needs": needs}) is True
    [case] = worker1("rrs.case", "read", [worker1_case], fields=["urgent_needs"])
    assert case["urgent_needs"] == needs


def test_other_case_worker_can_neither_read_nor_write_case(rpc_login, worker1, worker1_case):
    """A case worker who is neither the primary nor a secondary worker of a case cannot
    read it, does not find it, and cannot write it; the refused write changes nothing."""
    # rule ELIG-2: every family has one primary worker who alone, with secondary workers
    # and supervisors, may see it.
    worker2 = rpc_login("worker2")
    needs = f"Written by the primary worker ({uuid.uuid4().hex[:8]})"
    worker1("rrs.case", "write", [worker1_case], {"urgent_needs": needs})

    with pytest.raises(xmlrpc.client.Fault) as refused:
        worker2("rrs.case", "read", [worker1_case], fields=["name", "urgent_needs"])
    assert_access_error(refused)

    assert worker2("rrs.case", "search", [("id", "=", worker1_case)]) == []

    with pytest.raises(xmlrpc.client.Fault) as refused:
        worker2("rrs.case", "write", [worker1_case], {"urgent_needs": "Overwritten by worker2"})
    assert_access_error(refused)

    [case] = worker1("rrs.case", "read", [worker1_case], fields=["urgent_needs"])
    assert case["urgent_needs"] == needs


def test_supervisor_and_finance_read_case_finance_never_notes(rpc_login, worker1_case):
    """The supervisor of the primary worker (worker1 is below them in the employee
    hierarchy) reads the case; finance reads the case too but cannot read case notes
    at all."""
    supervisor = rpc_login("supervisor")
    [case] = supervisor("rrs.case", "read", [worker1_case], fields=["name"])
    assert case["name"].startswith("RRS/")
    assert supervisor("rrs.case", "search", [("id", "=", worker1_case)]) == [worker1_case]

    finance = rpc_login("finance")
    [case] = finance("rrs.case", "read", [worker1_case], fields=["name"])
    assert case["name"].startswith("RRS/")

    with pytest.raises(xmlrpc.client.Fault) as refused:
        finance("rrs.case.note", "search_read", [("case_id", "=", worker1_case)], fields=["id"])
    assert_access_error(refused)
