#!/usr/bin/env python3
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Screenshots of the main screens of each role, on a laptop and a phone, from the demo.

Run through scripts/screenshots, which prepares the demo database and serves it. This script
logs in as each demo user (password = login), opens each screen in headless Chromium through
the DevTools protocol and writes docs/screenshots/<role>-<screen>-<device>.png, then
docs/screenshots/README.md listing them.
"""

import argparse
import base64
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests
import websocket
from PIL import Image

DEVICES = {
    "laptop": {"width": 1440, "height": 900, "mobile": False},
    "phone": {"width": 390, "height": 844, "mobile": True},
}

# (login, role, screen, title, what to open, devices).
# What to open: an action's XML id, optionally with a record found by a domain.
SCREENS = [
    (
        "worker1",
        "worker",
        "my-cases",
        "A case worker's cases",
        ("rrs_case.rrs_case_action_my",),
        ("laptop", "phone"),
    ),
    (
        "worker1",
        "worker",
        "case",
        "A family's case",
        (
            "rrs_case.rrs_case_action_my",
            "rrs.case",
            [("state", "=", "active"), ("user_id.login", "=", "worker1")],
        ),
        ("laptop", "phone"),
    ),
    (
        "worker1",
        "worker",
        "visits",
        "Home visits",
        ("rrs_case.rrs_home_visit_action",),
        ("laptop", "phone"),
    ),
    (
        "worker1",
        "worker",
        "service-plan",
        "A signed service plan",
        ("rrs_case.rrs_service_plan_action", "rrs.service.plan", [("state", "=", "signed")]),
        ("laptop",),
    ),
    (
        "worker1",
        "worker",
        "assessment",
        "Assessments",
        ("rrs_assessment.rrs_assessment_action",),
        ("laptop",),
    ),
    (
        "supervisor",
        "supervisor",
        "waiting",
        "Waiting for me",
        ("rrs_case.rrs_waiting_work_action",),
        ("laptop", "phone"),
    ),
    (
        "supervisor",
        "supervisor",
        "team-cases",
        "The team's cases",
        ("rrs_case.rrs_case_action_team",),
        ("laptop", "phone"),
    ),
    (
        "supervisor",
        "supervisor",
        "change-history",
        "The change history of the team's cases (REC-4)",
        ("rrs_case.rrs_auditlog_log_action",),
        ("laptop",),
    ),
    (
        "supervisor",
        "supervisor",
        "visits-to-authorise",
        "Visits to authorise",
        ("rrs_case.rrs_home_visit_action_authorise",),
        ("laptop", "phone"),
    ),
    (
        "supervisor",
        "supervisor",
        "letters-to-sign",
        "Letters to sign",
        ("rrs_case.rrs_case_note_action_letters_to_sign",),
        ("phone",),
    ),
    (
        "supervisor",
        "supervisor",
        "team-workload",
        "The team's workload",
        ("rrs_staff.rrs_staff_workload_action",),
        ("laptop",),
    ),
    (
        "manager",
        "manager",
        "staff-compliance",
        "Staff compliance",
        ("rrs_staff.rrs_staff_requirement_status_action",),
        ("laptop",),
    ),
    (
        "supervisor",
        "supervisor",
        "prs-compliance",
        "Post-release services compliance",
        ("rrs_minors.rrs_case_action_prs",),
        ("laptop",),
    ),
    (
        "manager",
        "manager",
        "dashboard-caseload",
        "Caseload dashboard",
        ("rrs_reporting.rrs_dashboard_caseload_action",),
        ("laptop", "phone"),
    ),
    (
        "manager",
        "manager",
        "dashboard-overdue",
        "Overdue work dashboard",
        ("rrs_reporting.rrs_dashboard_overdue_action",),
        ("laptop",),
    ),
    (
        "manager",
        "manager",
        "dashboard-outcomes",
        "Outcomes and disparities dashboard",
        ("rrs_reporting.rrs_dashboard_outcomes_action",),
        ("laptop",),
    ),
    (
        "manager",
        "manager",
        "case-analysis",
        "Case analysis",
        ("rrs_case.rrs_case_action_analysis",),
        ("laptop", "phone"),
    ),
    (
        "manager",
        "manager",
        "need-levels",
        "Need levels",
        ("rrs_assessment.rrs_assessment_action_analysis",),
        ("laptop",),
    ),
    (
        "worker1",
        "worker",
        "assistance-request",
        "An assistance request",
        (
            "rrs_assistance.rrs_assistance_request_action",
            "rrs.assistance.request",
            [("state", "=", "submitted")],
        ),
        ("laptop", "phone"),
    ),
    (
        "supervisor",
        "supervisor",
        "assistance-to-approve",
        "Assistance to approve",
        ("rrs_assistance.rrs_assistance_request_action_to_approve",),
        ("phone",),
    ),
    (
        "finance",
        "finance",
        "assistance-to-validate",
        "Assistance to validate",
        ("rrs_assistance.rrs_assistance_request_action_to_validate",),
        ("laptop",),
    ),
    (
        "finance",
        "finance",
        "grant-budgets",
        "Grant budgets",
        ("rrs_assistance.crossovered_budget_lines_action_grants",),
        ("laptop",),
    ),
    ("finance", "finance", "cases", "Cases, read only", ("rrs_case.rrs_case_action",), ("laptop",)),
    (
        "auditor",
        "auditor",
        "case-notes",
        "Case notes, read only",
        ("rrs_case.rrs_case_note_action",),
        ("laptop",),
    ),
]

# Printed documents, as the client receives them (issue 11): (login, file name, title, report,
# model, domain, language the document is printed in or None for its own). A language given
# here is set on the document's "Printed in" for the screenshot, then put back.
DOCUMENTS = [
    (
        "worker1",
        "service-agreement-ar",
        "A service agreement in Arabic, right to left (the Haddad family's language)",
        "rrs_case.report_service_agreement",
        "rrs.service.plan",
        [("case_id.primary_language_id.code", "=", "ara"), ("state", "=", "draft")],
        None,
    ),
    (
        "worker1",
        "service-agreement-es",
        "The same agreement with Printed in set to Spanish",
        "rrs_case.report_service_agreement",
        "rrs.service.plan",
        [("case_id.primary_language_id.code", "=", "ara"), ("state", "=", "draft")],
        "spa",
    ),
    (
        "worker1",
        "client-charter-ar",
        "A Client Charter in Arabic (CON-1)",
        "rrs_case.report_consent",
        "rrs.consent",
        [("case_id.primary_language_id.code", "=", "ara"), ("consent_type", "=", "charter")],
        None,
    ),
    (
        "worker1",
        "service-agreement-prs",
        "A signed service agreement in Dari, right to left (the Rahimi family's language)",
        "rrs_case.report_service_agreement",
        "rrs.service.plan",
        [("case_id.primary_language_id.code", "=", "prs"), ("state", "=", "signed")],
        None,
    ),
    (
        "worker2",
        "release-of-information-fallback",
        "A release of information for a Tigrinya-speaking family: the agency's language, with a "
        "note (CON-2)",
        "rrs_case.report_consent",
        "rrs.consent",
        [("case_id.primary_language_id.code", "=", "tir"), ("consent_type", "=", "release")],
        None,
    ),
]
DOCUMENT_WIDTH = 1000
DOCUMENT_READY = "document.readyState === 'complete' && !!document.querySelector('.page')"


class Browser:
    """A headless Chromium driven through the DevTools protocol (one page)."""

    def __init__(self, chromium):
        self.profile = tempfile.mkdtemp(prefix="rrs-shots-")
        self.proc = subprocess.Popen(
            [
                chromium,
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                "--no-first-run",
                "--remote-debugging-port=0",
                f"--user-data-dir={self.profile}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        port_file = Path(self.profile, "DevToolsActivePort")
        for _ in range(200):
            if port_file.exists() and port_file.read_text().strip():
                break
            time.sleep(0.1)
        else:
            raise SystemExit("Chromium did not start (no DevToolsActivePort).")
        port = port_file.read_text().split()[0]
        pages = requests.get(f"http://127.0.0.1:{port}/json/list", timeout=10).json()
        page = next(p for p in pages if p["type"] == "page")
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=60)
        self.next_id = 0

    def call(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result.get("result", {}).get("value")

    def wait_for(self, expression, timeout=60):
        deadline = time.time() + timeout
        while time.time() < deadline:
            if self.evaluate(expression):
                return True
            time.sleep(0.25)
        return False

    def close(self):
        try:
            self.ws.close()
        finally:
            self.proc.terminate()
            self.proc.wait(10)
            shutil.rmtree(self.profile, ignore_errors=True)


# The screen is ready when the action's view is rendered and no request is pending.
READY = """(() => {
    const view = document.querySelector(
        '.o_action_manager .o_view_controller, .o_action_manager .o_form_view, '
        + '.o_action_manager .o_rrs_waiting_work');
    const busy = document.querySelector(
        '.o_loading_indicator, .o_blockUI, .o_view_sample_data_loading');
    return !!view && !busy && document.readyState === 'complete';
})()"""


def rpc(session, url, model, method, args, kwargs=None):
    response = session.post(
        f"{url}/web/dataset/call_kw/{model}/{method}",
        json={
            "jsonrpc": "2.0",
            "method": "call",
            "params": {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        },
        timeout=60,
    ).json()
    if "error" in response:
        raise SystemExit(f"{model}.{method}: {response['error']['data']['message']}")
    return response["result"]


def login(url, db, user):
    session = requests.Session()
    response = session.post(
        f"{url}/web/session/authenticate",
        json={"jsonrpc": "2.0", "params": {"db": db, "login": user, "password": user}},
        timeout=60,
    ).json()
    if not response.get("result", {}).get("uid"):
        raise SystemExit(f"The demo user {user} cannot log in: {response.get('error')}")
    return session


def path_of(session, url, target):
    action = f"/odoo/action-{target[0]}"
    if len(target) == 1:
        return action
    _action, model, domain = target
    ids = rpc(session, url, model, "search", [domain], {"limit": 1, "order": "id"})
    if not ids:
        raise SystemExit(f"The demo has no {model} matching {domain}.")
    return f"{action}/{ids[0]}"


def shoot_document(browser, session, url, document, out):
    """The document's HTML as Odoo prints it (/report/html), the whole page."""
    user, name, _title, report, model, domain, language = document
    ids = rpc(session, url, model, "search", [domain], {"limit": 1, "order": "id"})
    if not ids:
        raise SystemExit(f"The demo has no {model} matching {domain}.")
    previous = None
    if language:
        [record] = rpc(session, url, model, "read", [ids, ["document_language_id"]])
        previous = record["document_language_id"] and record["document_language_id"][0]
        lang_ids = rpc(session, url, "rrs.language", "search", [[("code", "=", language)]])
        rpc(session, url, model, "write", [ids, {"document_language_id": lang_ids[0]}])
    try:
        browser.call(
            "Emulation.setDeviceMetricsOverride",
            width=DOCUMENT_WIDTH,
            height=1200,
            deviceScaleFactor=1,
            mobile=False,
        )
        browser.call("Page.navigate", url=f"{url}/report/html/{report}/{ids[0]}")
        time.sleep(1)
        if not browser.wait_for(DOCUMENT_READY):
            raise SystemExit(f"{user}: the {report} of {model} {ids[0]} did not load.")
        time.sleep(1)  # fonts settle
        height = int(browser.evaluate("document.documentElement.scrollHeight") or 1200)
        browser.call(
            "Emulation.setDeviceMetricsOverride",
            width=DOCUMENT_WIDTH,
            height=min(height, 4000),
            deviceScaleFactor=1,
            mobile=False,
        )
        time.sleep(0.5)
        save_png(browser.call("Page.captureScreenshot", format="png")["data"], out / f"{name}.png")
    finally:
        if language:
            rpc(session, url, model, "write", [ids, {"document_language_id": previous}])
    print(f"[rrs] {name}.png", file=sys.stderr)


def save_png(data, path):
    """Write a palette PNG: a few times smaller than the screenshot, same look for screens."""
    image = Image.open(io.BytesIO(base64.b64decode(data))).convert("RGB")
    image = image.quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    image.save(path, optimize=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument(
        "--out", default=str(Path(__file__).resolve().parent.parent / "docs/screenshots")
    )
    parser.add_argument(
        "--chromium", default=shutil.which("chromium") or shutil.which("google-chrome")
    )
    parser.add_argument(
        "--only",
        help="only the screens of this role (worker, supervisor ...), or 'documents' for the "
        "printed documents",
    )
    args = parser.parse_args()
    if not args.chromium:
        raise SystemExit("Chromium is needed for the screenshots (apt-get install chromium).")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    screens = [s for s in SCREENS if not args.only or s[1] == args.only]
    documents = DOCUMENTS if args.only in (None, "documents") else []
    if args.only != "documents":
        for old in out.glob(f"{args.only or ''}*.png"):
            if old.stem not in {d[1] for d in DOCUMENTS}:
                old.unlink()

    browser = Browser(args.chromium)
    taken = []
    try:
        browser.call("Page.enable")
        browser.call("Network.enable")
        sessions = {}
        for user, role, screen, title, target, devices in screens:
            if user not in sessions:
                sessions[user] = login(args.url, args.db, user)
            session = sessions[user]
            browser.call("Network.clearBrowserCookies")
            browser.call(
                "Network.setCookie",
                name="session_id",
                value=session.cookies["session_id"],
                url=args.url,
                path="/",
                httpOnly=True,
            )
            path = path_of(session, args.url, target)
            for device in devices:
                metrics = DEVICES[device]
                browser.call(
                    "Emulation.setDeviceMetricsOverride",
                    width=metrics["width"],
                    height=metrics["height"],
                    deviceScaleFactor=1,
                    mobile=metrics["mobile"],
                )
                browser.call("Emulation.setTouchEmulationEnabled", enabled=metrics["mobile"])
                browser.call("Page.navigate", url=args.url + path)
                time.sleep(1)
                name = f"{role}-{screen}-{device}.png"
                if not browser.wait_for(READY):
                    failed = Path(tempfile.gettempdir(), f"failed-{name}")
                    save_png(browser.call("Page.captureScreenshot", format="png")["data"], failed)
                    raise SystemExit(
                        f"{user}: {path} did not finish loading on the {device} (see {failed})."
                    )
                error = browser.evaluate("!!document.querySelector('.o_error_dialog')")
                if error:
                    raise SystemExit(f"{user}: {path} shows an error dialog on the {device}.")
                time.sleep(1.5)  # charts and fonts settle
                shot = browser.call("Page.captureScreenshot", format="png")
                save_png(shot["data"], out / name)
                taken.append((role, title, device, name))
                print(f"[rrs] {name}", file=sys.stderr)
        for document in documents:
            user = document[0]
            if user not in sessions:
                sessions[user] = login(args.url, args.db, user)
            browser.call("Network.clearBrowserCookies")
            browser.call(
                "Network.setCookie",
                name="session_id",
                value=sessions[user].cookies["session_id"],
                url=args.url,
                path="/",
                httpOnly=True,
            )
            shoot_document(browser, sessions[user], args.url, document, out)
    finally:
        browser.close()

    lines = [
        "# Screenshots",
        "",
        "Made by `scripts/screenshots` from the demo database, as each demo user, in headless",
        "Chromium at 1440x900 (laptop) and 390x844 (phone). Run it again after a change to a",
        "screen.",
        "",
    ]
    for role in dict.fromkeys(t[0] for t in taken):
        lines += [f"## {role.capitalize()}", ""]
        for _role, title, device, name in (t for t in taken if t[0] == role):
            lines.append(f"- {title} ({device}): ![{title}, {device}]({name})")
        lines.append("")
    if documents:
        lines += ["## Printed documents", ""]
        lines += [f"- {title}: ![{title}]({name}.png)" for _u, name, title, *_rest in documents]
        lines.append("")
    if not args.only:
        (out / "README.md").write_text("\n".join(lines))
    print(f"[rrs] {len(taken)} screenshots in {out}", file=sys.stderr)


if __name__ == "__main__":
    os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")
    main()
