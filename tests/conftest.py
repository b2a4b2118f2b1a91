# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Fixtures of the black-box tests: a private copy of the test database, an Odoo server
serving it in a subprocess, and clients of its API acting as the demo users: JSON-2 clients
(``/json/2/<model>/<method>`` with an API key each) and XML-RPC clients (password = login).

``./scripts/test`` installs the suite into a fresh database and runs one pytest over the
addons' Odoo tests (pytest-odoo) and this folder, with two environment variables:

- ``RRS_ODOO_CONF``: the rendered odoo.conf of that database;
- ``RRS_TEST_DB``: the database name.

The black-box tests never touch ``RRS_TEST_DB`` itself: they copy it
(``createdb -T RRS_TEST_DB``, plus its filestore), serve the copy and drop both at the end.

Copying needs the template to have no other session. In the combined run pytest-odoo has
loaded a registry on ``RRS_TEST_DB`` inside this very process, and Odoo's connection pool
keeps those connections open (idle) after the Odoo tests. Those connections are ours: they
are closed through ``odoo.sql_db.close_db`` (Odoo reopens connections on demand, should an
Odoo test run after us). Sessions of *other* processes (a developer's server, psql ...) are
never terminated: the copy is retried for a while, then the test fails and lists them.
"""

import configparser
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import xmlrpc.client

import pytest
import requests

SERVER_START_TIMEOUT = 120  # seconds until the server must answer
API_KEY_TIMEOUT = 300  # seconds for the Odoo shell that makes the API keys
RPC_TIMEOUT = 120  # seconds for one XML-RPC call
COPY_RETRY_SECONDS = 30  # how long other sessions on the template are waited for


# ---------------------------------------------------------------------------- pytest-odoo
@pytest.fixture(scope="session")
def load_registry():
    """Override of pytest-odoo's autouse ``load_registry`` for this folder only.

    The black-box tests talk to a server subprocess and need no registry in this process.
    Without this override, ``pytest tests`` without ``--odoo-database`` errors out in
    pytest-odoo (no database configured), and a registry here would hold connections to
    the database that is copied. The addons' tests still get pytest-odoo's fixture.
    """
    yield


def _server_log_tail(path, lines=80):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return "".join(f.readlines()[-lines:])
    except OSError as e:
        return f"(cannot read {path}: {e})"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """Attach the end of the server log to a failed black-box test."""
    outcome = yield
    report = outcome.get_result()
    server = getattr(item, "funcargs", {}).get("odoo_server")
    if report.failed and server is not None:
        report.sections.append(
            (f"Odoo server log (tail of {server.log_path})", _server_log_tail(server.log_path))
        )


# -------------------------------------------------------------------------- environment
class DbEnv:
    """Where the tested database lives, read from the odoo.conf scripts/test rendered."""

    def __init__(self, conf_path, db):
        self.conf_path = conf_path
        self.db = db
        parser = configparser.ConfigParser(interpolation=None)
        if not parser.read(conf_path):
            pytest.fail(f"RRS_ODOO_CONF={conf_path}: no such configuration file")
        options = parser["options"] if parser.has_section("options") else {}
        self.data_dir = options.get("data_dir") or ""
        self.pg_env = dict(os.environ)
        for key, var in (
            ("db_host", "PGHOST"),
            ("db_port", "PGPORT"),
            ("db_user", "PGUSER"),
            ("db_password", "PGPASSWORD"),
        ):
            value = options.get(key)
            if value and value.lower() not in ("false", "none"):
                self.pg_env[var] = value

    def filestore(self, db):
        return os.path.join(self.data_dir, "filestore", db) if self.data_dir else None

    def pg(self, *cmd, check=True):
        """Run a PostgreSQL client program against the configured server."""
        result = subprocess.run(cmd, env=self.pg_env, capture_output=True, text=True, timeout=300)
        if check and result.returncode:
            raise RuntimeError(
                f"{' '.join(cmd)} failed ({result.returncode}): {result.stderr.strip()}"
            )
        return result

    def sql(self, query, db="postgres"):
        return self.pg("psql", "-X", "-d", db, "-Atc", query).stdout.strip()


@pytest.fixture(scope="session")
def rrs_env():
    conf = os.environ.get("RRS_ODOO_CONF")
    db = os.environ.get("RRS_TEST_DB")
    if not conf or not db:
        pytest.skip(
            "black-box tests need RRS_ODOO_CONF and RRS_TEST_DB: run them with ./scripts/test"
        )
    return DbEnv(conf, db)


# ------------------------------------------------------------------------ database copy
def _release_own_connections(db):
    """Close this process's pooled Odoo connections to ``db`` (pytest-odoo's registry).

    Only called between tests, when no Odoo cursor is open in this process; the pool
    reconnects on demand. Odoo is not imported here when it was not already loaded.
    """
    sql_db = sys.modules.get("odoo.sql_db")
    if sql_db is not None and hasattr(sql_db, "close_db"):
        sql_db.close_db(db)


def _copy_name(template):
    suffix = f"_bb{os.getpid()}"
    return template[: 63 - len(suffix)] + suffix  # PostgreSQL names: 63 bytes at most


def _create_copy(env, copy):
    _release_own_connections(env.db)
    deadline = time.monotonic() + COPY_RETRY_SECONDS
    while True:
        result = env.pg("createdb", "-T", env.db, copy, check=False)
        if result.returncode == 0:
            return
        if "being accessed by other users" not in result.stderr or time.monotonic() > deadline:
            break
        _release_own_connections(env.db)
        time.sleep(1)
    sessions = env.sql(
        "SELECT pid || ' ' || coalesce(application_name, '') || ' ' || coalesce(state, '') "
        "|| ' ' || coalesce(client_addr::text, 'local') || ':' || coalesce(client_port, 0) "
        f"FROM pg_stat_activity WHERE datname = '{env.db}' AND pid <> pg_backend_pid()"
    )
    pytest.fail(
        f"Cannot copy database {env.db} to {copy}: {result.stderr.strip()}\n"
        f"Other sessions on {env.db} (pid application state client), not terminated "
        f"by the tests; close them and run again:\n{sessions or '(none left)'}"
    )


def _drop_copy(env, copy):
    # --force (PostgreSQL 13+): a server that did not stop cleanly must not keep the copy.
    env.pg("dropdb", "--if-exists", "--force", copy, check=False)
    store = env.filestore(copy)
    if store and os.path.isdir(store):
        shutil.rmtree(store, ignore_errors=True)


@pytest.fixture(scope="session")
def odoo_db_copy(rrs_env):
    """Name of a private copy of RRS_TEST_DB (database and filestore), dropped at the end."""
    copy = _copy_name(rrs_env.db)
    _drop_copy(rrs_env, copy)  # left over by a killed run with the same pid
    _create_copy(rrs_env, copy)
    try:
        source = rrs_env.filestore(rrs_env.db)
        if source and os.path.isdir(source):
            shutil.copytree(source, rrs_env.filestore(copy))
        yield copy
    finally:
        _drop_copy(rrs_env, copy)


# --------------------------------------------------------------------------------- server
def _free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class OdooServer:
    def __init__(self, url, db, process, log_path):
        self.url = url
        self.db = db
        self.process = process
        self.log_path = log_path

    def version_info(self, timeout=5):
        request = urllib.request.Request(
            f"{self.url}/web/webclient/version_info",
            data=json.dumps({"jsonrpc": "2.0", "method": "call", "params": {}}).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return json.load(response)["result"]

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()  # SIGTERM: Odoo shuts down gracefully
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=30)


@pytest.fixture(scope="session")
def odoo_server(rrs_env, odoo_db_copy):
    """An Odoo server serving only the database copy on a free local port."""
    port = _free_port()
    fd, log_path = tempfile.mkstemp(prefix=f"{odoo_db_copy}-", suffix=".server.log")
    cmd = [
        sys.executable, "-m", "odoo",
        "-c", rrs_env.conf_path,
        "-d", odoo_db_copy,
        "--db-filter", f"^{re.escape(odoo_db_copy)}$",
        "--http-interface", "127.0.0.1",
        "--http-port", str(port),
        "--max-cron-threads", "0",
        "--log-level=warn",
        # XML-RPC is deprecated in Odoo 19 and logs a warning per request: mute it so the
        # log shows what matters.
        "--log-handler", "odoo.addons.rpc.controllers.xmlrpc:ERROR",
    ]  # fmt: skip
    with os.fdopen(fd, "wb") as log:
        process = subprocess.Popen(
            cmd,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # a Ctrl-C of pytest does not reach it twice
        )
    server = OdooServer(f"http://127.0.0.1:{port}", odoo_db_copy, process, log_path)
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while True:
            if process.poll() is not None:
                pytest.fail(
                    f"The Odoo server exited with {process.returncode} before answering.\n"
                    f"{' '.join(cmd)}\n{_server_log_tail(log_path)}"
                )
            try:
                server.version_info()
                break
            except (OSError, ValueError, KeyError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(
                    f"The Odoo server did not answer within {SERVER_START_TIMEOUT} s.\n"
                    f"{' '.join(cmd)}\n{_server_log_tail(log_path)}"
                )
            time.sleep(0.5)
        yield server
    finally:
        server.stop()
    os.unlink(log_path)  # kept when the server did not start, for inspection


# ----------------------------------------------------------------------------- XML-RPC
class _TimeoutTransport(xmlrpc.client.Transport):
    def make_connection(self, host):
        connection = super().make_connection(host)
        connection.timeout = RPC_TIMEOUT
        return connection


class RpcUser:
    """One user logged in over XML-RPC: ``user("rrs.case", "read", [ids], fields=[...])``."""

    def __init__(self, server, login, password):
        self.server = server
        self.login = login
        self.password = password
        common = xmlrpc.client.ServerProxy(
            f"{server.url}/xmlrpc/2/common", transport=_TimeoutTransport()
        )
        self.uid = common.authenticate(server.db, login, password, {})
        assert self.uid, f"{login} cannot log in to {server.db}"
        self.models = xmlrpc.client.ServerProxy(
            f"{server.url}/xmlrpc/2/object", transport=_TimeoutTransport(), allow_none=True
        )

    def __call__(self, model, method, *args, **kwargs):
        return self.models.execute_kw(
            self.server.db, self.uid, self.password, model, method, list(args), kwargs
        )


@pytest.fixture(scope="session")
def rpc_login(odoo_server):
    """``rpc_login("worker1")``: a demo user logged in over XML-RPC (password = login)."""
    users = {}

    def login(name, password=None):
        if name not in users:
            users[name] = RpcUser(odoo_server, name, password or name)
        return users[name]

    return login


# ------------------------------------------------------------------------------- JSON-2
DEMO_LOGINS = (
    "admin",
    "worker1",
    "worker2",
    "supervisor",
    "manager",
    "finance",
    "auditor",
    "coordinator",
    "volunteer",
)

# Run by ``odoo shell`` on the database copy: an API key per demo user, printed as JSON.
_API_KEY_SCRIPT = """
import json
keys = {}
for login in %(logins)r:
    user = env["res.users"].search([("login", "=", login)])
    # sudo() as the user: a key without expiry, for the length of the test run only
    keys[login] = env["res.users.apikeys"].with_user(user).sudo()._generate(
        None, "black-box tests", None
    )
env.cr.commit()
print("RRS_API_KEYS " + json.dumps(keys))
"""


@pytest.fixture(scope="session")
def api_keys(rrs_env, odoo_db_copy):
    """``{login: API key}`` for the demo users, made on the database copy by Odoo itself."""
    cmd = [
        sys.executable, "-m", "odoo", "shell",
        "-c", rrs_env.conf_path,
        "-d", odoo_db_copy,
        "--log-level=warn",
        "--no-http",
    ]  # fmt: skip
    result = subprocess.run(
        cmd,
        input=_API_KEY_SCRIPT % {"logins": DEMO_LOGINS},
        capture_output=True,
        text=True,
        timeout=API_KEY_TIMEOUT,
    )
    for line in result.stdout.splitlines():
        if line.startswith("RRS_API_KEYS "):
            return json.loads(line[len("RRS_API_KEYS ") :])
    pytest.fail(
        f"Could not make the API keys ({result.returncode}):\n{result.stdout[-2000:]}\n"
        f"{result.stderr[-3000:]}"
    )


class Json2Error(Exception):
    """A refusal of /json/2: the HTTP status and the error Odoo sent as JSON."""

    def __init__(self, status, body):
        self.status = status
        self.body = body if isinstance(body, dict) else {"message": str(body)}
        self.name = self.body.get("name", "")
        self.message = self.body.get("message", "")
        super().__init__(f"{status} {self.name}: {self.message}")


class Json2User:
    """One demo user calling ``/json/2``: ``user("rrs.case", "read", ids=[...], fields=[...])``."""

    def __init__(self, server, login, api_key):
        self.server = server
        self.login = login
        self.session = requests.Session()
        self.session.headers.update(
            {
                "Authorization": f"bearer {api_key}",
                "X-Odoo-Database": server.db,
                "User-Agent": "rrs-black-box-tests",
            }
        )
        self.uid = self("res.users", "search", domain=[("login", "=", login)])[0]

    def raw(self, model, method, **params):
        """The HTTP response itself (status, headers, JSON body)."""
        return self.session.post(
            f"{self.server.url}/json/2/{model}/{method}", json=params, timeout=RPC_TIMEOUT
        )

    def __call__(self, model, method, **params):
        response = self.raw(model, method, **params)
        try:
            body = response.json()
        except ValueError:
            body = response.text
        if response.status_code != 200:
            raise Json2Error(response.status_code, body)
        return body


@pytest.fixture(scope="session")
def json2_login(odoo_server, api_keys):
    """``json2_login("worker1")``: a demo user calling the JSON-2 API with an API key."""
    users = {}

    def login(name):
        if name not in users:
            users[name] = Json2User(odoo_server, name, api_keys[name])
        return users[name]

    return login
