# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Black-box tests of rrs_staff over Odoo 19's JSON-2 API with API keys: who sees which
workload, and a reassignment made by an API client goes through the same checks as the
wizard's button (rules STF-1, STF-2, STF-4)."""

import pytest
from conftest import Json2Error
from test_blackbox_json2 import new_case


def test_workload_rows_follow_the_supervision_hierarchy(json2_login):
    # rules STF-1, STF-2: the supervisor reads her team's workload, a worker only their own
    supervisor, worker1, worker2 = (json2_login(n) for n in ("supervisor", "worker1", "worker2"))
    fields = ["user_id", "program_id", "case_count", "client_count", "total_hours"]
    team = supervisor("rrs.staff.workload", "search_read", domain=[], fields=fields)
    assert {worker1.uid, worker2.uid} <= {row["user_id"][0] for row in team}, team
    assert all(row["total_hours"] > 0 for row in team if row["case_count"]), team
    own = worker1("rrs.staff.workload", "search_read", domain=[], fields=fields)
    assert own and {row["user_id"][0] for row in own} == {worker1.uid}, own


def test_reassignment_over_json2(json2_login):
    # rule STF-4: the supervisor moves a case with the wizard's own method; a case worker
    # cannot, whatever the client
    supervisor, worker1, worker2 = (json2_login(n) for n in ("supervisor", "worker1", "worker2"))
    case = new_case(worker1)
    context = {"active_model": "rrs.case", "active_ids": [case]}
    with pytest.raises(Json2Error) as refused:
        worker1(
            "rrs.case.assign.wizard",
            "create",
            vals_list=[{"case_ids": [(6, 0, [case])], "user_id": worker2.uid}],
            context=context,
        )
    assert refused.value.status == 403, refused.value.body
    [wizard] = supervisor(
        "rrs.case.assign.wizard",
        "create",
        vals_list=[
            {
                "case_ids": [(6, 0, [case])],
                "user_id": worker2.uid,
                "reason": "Black-box reassignment",
            }
        ],
        context=context,
    )
    ranked = supervisor(
        "rrs.case.assign.candidate",
        "search_read",
        domain=[("wizard_id", "=", wizard)],
        fields=["user_id", "rank", "eligible"],
    )
    assert {worker1.uid, worker2.uid} <= {row["user_id"][0] for row in ranked}, ranked
    supervisor("rrs.case.assign.wizard", "action_assign", ids=[wizard])
    [moved] = worker2("rrs.case", "read", ids=[case], fields=["user_id"])
    assert moved["user_id"][0] == worker2.uid
    with pytest.raises(Json2Error) as gone:
        worker1("rrs.case", "read", ids=[case], fields=["user_id"])
    assert gone.value.status == 403, gone.value.body
