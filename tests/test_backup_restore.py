# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""scripts/backup and scripts/restore (rule REC-4: backups exist and are restored): the test
database is backed up with its filestore the way Odoo dumps it, restored under another name,
and the copy holds the same cases, notes, assistance requests and attachment files; it is
neutralised, and a restore never overwrites a database."""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"
TABLES = ("rrs_case", "rrs_case_note", "rrs_case_member", "rrs_assistance_request")


def _run(rrs_env, script, *args):
    return subprocess.run(
        [sys.executable, str(SCRIPTS / script), "-c", rrs_env.conf_path, *args],
        cwd=SCRIPTS,
        capture_output=True,
        text=True,
        timeout=900,
        env=rrs_env.pg_env,
    )


def _counts(rrs_env, db):
    counts = {}
    for table in TABLES:
        exists = rrs_env.sql(f"SELECT to_regclass('{table}') IS NOT NULL", db)
        if exists == "t":
            counts[table] = int(rrs_env.sql(f"SELECT count(*) FROM {table}", db))
    counts["files"] = int(
        rrs_env.sql("SELECT count(*) FROM ir_attachment WHERE store_fname IS NOT NULL", db)
    )
    return counts


@pytest.fixture
def restored_name(rrs_env):
    name = f"{rrs_env.db[:50]}_restored"
    yield name
    rrs_env.pg("dropdb", "--if-exists", "--force", name, check=False)
    store = rrs_env.filestore(name)
    if store and os.path.isdir(store):
        import shutil

        shutil.rmtree(store, ignore_errors=True)


def test_rec4_backup_then_restore_under_another_name(rrs_env, restored_name, tmp_path):
    before = _counts(rrs_env, rrs_env.db)
    assert before["rrs_case"] > 0 and before["files"] > 0, before
    backup = _run(rrs_env, "backup.py", "-d", rrs_env.db, "-o", str(tmp_path))
    assert backup.returncode == 0, backup.stderr
    path = Path(backup.stdout.strip().splitlines()[-1])
    assert path.is_file() and path.suffix == ".zip", backup.stdout
    names = zipfile.ZipFile(path).namelist()
    assert {"dump.sql", "manifest.json"} <= set(names)
    assert any(n.startswith("filestore/") for n in names)

    restore = _run(rrs_env, "restore.py", "-d", restored_name, str(path))
    assert restore.returncode == 0, restore.stderr
    assert _counts(rrs_env, restored_name) == before
    # every stored file the copy names is in the copy's filestore
    store = Path(rrs_env.filestore(restored_name))
    stored = rrs_env.sql(
        "SELECT store_fname FROM ir_attachment WHERE store_fname IS NOT NULL", restored_name
    ).split()
    missing = [name for name in stored if not (store / name).is_file()]
    assert not missing, missing[:5]
    # a drill copy sends nothing: neutralised, with a database uuid of its own
    assert (
        rrs_env.sql(
            "SELECT value FROM ir_config_parameter WHERE key = 'database.is_neutralized'",
            restored_name,
        ).lower()
        == "true"
    )
    # the scheduled jobs are off (Odoo keeps only its own database clean-up running)
    active_jobs = rrs_env.sql(
        "SELECT count(*) FROM ir_cron c JOIN ir_model_data d ON d.model = 'ir.cron' "
        "AND d.res_id = c.id WHERE c.active AND d.name <> 'autovacuum_job'",
        restored_name,
    )
    assert active_jobs == "0"
    uuid = "SELECT value FROM ir_config_parameter WHERE key = 'database.uuid'"
    assert rrs_env.sql(uuid, restored_name) != rrs_env.sql(uuid, rrs_env.db)

    # never over an existing database
    again = _run(rrs_env, "restore.py", "-d", restored_name, str(path))
    assert again.returncode != 0
    assert "restore into a new name, never over it" in again.stderr
