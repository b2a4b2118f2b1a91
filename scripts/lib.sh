# shellcheck shell=bash
# Shared set-up for scripts/run and scripts/test: Python requirements, Odoo 19.0,
# a PostgreSQL server and the rendered odoo.conf. Sourced, never run directly.
# Every step is idempotent: run twice, it reuses what exists.
set -euo pipefail

RRS_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PYTHON=${PYTHON:-python3}
RRS_ADDONS="rrs_case rrs_assessment rrs_minors rrs_staff rrs_assistance rrs_volunteer rrs_reporting rrs_reporting_assistance rrs_reporting_minors"

if [ "$(id -u)" = 0 ]; then
  RRS_STATE_DIR=${RRS_STATE_DIR:-/var/lib/rrs}
else
  RRS_STATE_DIR=${RRS_STATE_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/rrs}
fi
# An external server is used when RRS_DB_HOST is set; otherwise an embedded
# cluster listening on 127.0.0.1 only.
RRS_DB_HOST=${RRS_DB_HOST:-}
RRS_DB_PORT=${RRS_DB_PORT:-5433}
RRS_DB_USER=${RRS_DB_USER:-odoo}
RRS_DB_PASSWORD=${RRS_DB_PASSWORD:-}
RRS_PGDATA=${RRS_PGDATA:-$RRS_STATE_DIR/postgresql}
RRS_HTTP_PORT=${RRS_HTTP_PORT:-8069}

log() { printf '[rrs] %s\n' "$*" >&2; }
die() { printf '[rrs] ERROR: %s\n' "$*" >&2; exit 1; }

odoo_ok() {
  "$PYTHON" - <<'PY' 2>/dev/null
import odoo.release as r
raise SystemExit(0 if tuple(r.version_info[:2]) == (19, 0) else 1)
PY
}

ensure_odoo() {
  odoo_ok && return 0
  log "Odoo 19.0 is not importable by $PYTHON; trying the official Odoo 19.0 source."
  # The official nightly source archive carries every core addon inside odoo/addons.
  local url=${RRS_ODOO_SOURCE:-https://nightly.odoo.com/19.0/nightly/src/odoo_19.0.latest.tar.gz}
  if timeout 900 "$PYTHON" -m pip install --quiet "$url" >&2 && odoo_ok; then
    return 0
  fi
  die "Odoo 19.0 is required and could not be installed automatically.
  Provide it in one of these ways, then run this command again:
    - $PYTHON -m pip install $url
    - or clone https://github.com/odoo/odoo (branch 19.0), install its requirements.txt
      and run: $PYTHON -m pip install <that checkout>
  'python3 -c \"import odoo.release; print(odoo.release.version)\"' must print 19.0."
}

ensure_requirements() {
  mkdir -p "$RRS_STATE_DIR"
  local stamp="$RRS_STATE_DIR/requirements.sha1" sum
  sum=$(sha1sum "$RRS_ROOT/requirements.txt" | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$sum" ]; then return 0; fi
  log "Installing Python requirements"
  "$PYTHON" -m pip install --quiet --disable-pip-version-check -r "$RRS_ROOT/requirements.txt" >&2 \
    || die "pip could not install requirements.txt (see above)."
  echo "$sum" > "$stamp"
}

pg_reachable() {
  PGPASSWORD="$RRS_DB_PASSWORD" psql -h "${RRS_DB_HOST:-127.0.0.1}" -p "$RRS_DB_PORT" -U "$RRS_DB_USER" \
    -d postgres -Atc 'select 1' >/dev/null 2>&1
}

pg_bindir() {
  local d
  for d in /usr/lib/postgresql/*/bin; do [ -x "$d/pg_ctl" ] && echo "$d"; done | sort -V | tail -n 1
}

as_pg_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# The database fits in memory (or on SSD): a random read costs little more than a sequential
# one. At PostgreSQL's default random_page_cost of 4 the planner scans every case rather than
# look up a worker's few hundred, and those lists grow with the database (docs/benchmarks.md,
# issue 17). Set on the local cluster the scripts own, new or existing; best effort.
pg_tune() {
  [ -n "$RRS_DB_HOST" ] && return 0
  local current
  current=$(psql -h 127.0.0.1 -p "$RRS_DB_PORT" -U postgres -d postgres -Atc 'show random_page_cost' 2>/dev/null) || return 0
  [ "$current" = "1.1" ] && return 0
  psql -h 127.0.0.1 -p "$RRS_DB_PORT" -U postgres -d postgres -qc \
    "alter system set random_page_cost = 1.1" -c "select pg_reload_conf()" >/dev/null 2>&1 || true
}

ensure_postgres() {
  if [ -n "$RRS_DB_HOST" ]; then
    pg_reachable || die "PostgreSQL at $RRS_DB_HOST:$RRS_DB_PORT (user $RRS_DB_USER) is not reachable."
    return 0
  fi
  pg_reachable && { pg_tune; return 0; }
  local bindir
  bindir=$(pg_bindir)
  if [ -z "$bindir" ] || ! command -v psql >/dev/null; then
    log "Installing PostgreSQL from Debian packages"
    if [ "$(id -u)" = 0 ]; then
      apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql postgresql-client >&2
    else
      sudo apt-get update -qq >&2 && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql postgresql-client >&2
    fi || die "Could not install PostgreSQL. Install it (apt-get install postgresql) or point RRS_DB_HOST at a server."
    bindir=$(pg_bindir)
  fi
  if [ ! -f "$RRS_PGDATA/PG_VERSION" ]; then
    log "Creating a local PostgreSQL cluster in $RRS_PGDATA (127.0.0.1:$RRS_DB_PORT)"
    mkdir -p "$RRS_PGDATA"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$RRS_PGDATA" && chmod 700 "$RRS_PGDATA"
    as_pg_owner "$bindir/initdb" -D "$RRS_PGDATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    cat >> "$RRS_PGDATA/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $RRS_DB_PORT
unix_socket_directories = '$RRS_PGDATA'
max_connections = 200
shared_buffers = 512MB
work_mem = 16MB
maintenance_work_mem = 256MB
fsync = on
CONF
  fi
  log "Starting PostgreSQL on 127.0.0.1:$RRS_DB_PORT"
  as_pg_owner "$bindir/pg_ctl" -D "$RRS_PGDATA" -l "$RRS_PGDATA/server.log" -w -t 60 start >/dev/null \
    || die "PostgreSQL did not start; see $RRS_PGDATA/server.log"
  psql -h 127.0.0.1 -p "$RRS_DB_PORT" -U postgres -d postgres -Atc \
    "select 1 from pg_roles where rolname='$RRS_DB_USER'" | grep -q 1 \
    || psql -h 127.0.0.1 -p "$RRS_DB_PORT" -U postgres -d postgres -qc \
      "create role \"$RRS_DB_USER\" login createdb" >/dev/null
  pg_tune
  pg_reachable || die "PostgreSQL started but user $RRS_DB_USER cannot connect."
}

apt_install() {
  if [ "$(id -u)" = 0 ]; then
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"; } >&2
  else
    { sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"; } >&2
  fi
}

# Odoo's browser tours run in headless Chromium (Debian's package).
ensure_chromium() {
  local b
  for b in chromium google-chrome chromium-browser google-chrome-stable; do
    command -v "$b" >/dev/null && return 0
  done
  log "Installing Chromium from Debian packages (for the browser tours)"
  apt_install chromium ||
    die "Could not install Chromium, which the browser tours need (apt-get install chromium)."
}

# Odoo prints PDF reports (the service agreement) with wkhtmltopdf (Debian's package).
ensure_wkhtmltopdf() {
  command -v wkhtmltopdf >/dev/null && return 0
  log "Installing wkhtmltopdf from Debian packages (for the PDF reports)"
  apt_install wkhtmltopdf ||
    die "Could not install wkhtmltopdf, which the PDF reports need (apt-get install wkhtmltopdf)."
}

# Odoo turns its style sheets right to left for Arabic, Dari and Pashto with rtlcss (an npm
# package; Debian has none). Best effort: without it those languages show left to right.
ensure_rtlcss() {
  command -v rtlcss >/dev/null && return 0
  if command -v npm >/dev/null; then
    log "Installing rtlcss from npm (right-to-left layouts for Arabic, Dari, Pashto)"
    timeout 300 npm install -g --silent rtlcss@4 >/dev/null 2>&1 && command -v rtlcss >/dev/null &&
      return 0
  fi
  log "WARNING: rtlcss is not installed (npm install -g rtlcss): Arabic, Dari and Pashto will show left to right."
}

# render_config DB_NAME OUT_FILE
render_config() {
  local db=$1 out=$2
  mkdir -p "$(dirname "$out")" "$RRS_STATE_DIR/data"
  sed -e "s|@DB_HOST@|${RRS_DB_HOST:-127.0.0.1}|" \
      -e "s|@DB_PORT@|$RRS_DB_PORT|" \
      -e "s|@DB_USER@|$RRS_DB_USER|" \
      -e "s|@DB_PASSWORD@|$RRS_DB_PASSWORD|" \
      -e "s|@DB_NAME@|$db|g" \
      -e "s|@ADDONS_PATH@|$RRS_ROOT/addons|" \
      -e "s|@DATA_DIR@|$RRS_STATE_DIR/data|" \
      -e "s|@HTTP_PORT@|$RRS_HTTP_PORT|" \
      "$RRS_ROOT/config/odoo.conf" | { if [ -z "$RRS_DB_PASSWORD" ]; then grep -v '^db_password'; else cat; fi; } > "$out"
}

db_exists() {
  PGPASSWORD="$RRS_DB_PASSWORD" psql -h "${RRS_DB_HOST:-127.0.0.1}" -p "$RRS_DB_PORT" -U "$RRS_DB_USER" \
    -d postgres -Atc "select 1 from pg_database where datname='$1'" | grep -q 1
}

odoo_bin() { "$PYTHON" -m odoo "$@"; }

# The database of scripts/populate and scripts/bench: their first argument unless it is an
# option (DB, the default otherwise); the other arguments in ARGS. -h/--help prints the Python
# script's help without touching a database. Usage: bench_db_args SCRIPT.py DEFAULT "$@"
bench_db_args() {
  local script=$1 arg
  DB=$2
  shift 2
  if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then DB=$1; shift; fi
  ARGS=("$@")
  for arg in "$@"; do
    case $arg in -h | --help) cd "$RRS_ROOT/scripts" && exec "$PYTHON" "$script" --help ;; esac
  done
}

# A log line of Odoo's at WARNING or above: "date time pid LEVEL db logger: message".
odoo_log_problems() {
  grep -E '^[0-9-]+ [0-9:,]+ [0-9]+ (WARNING|ERROR|CRITICAL) ' "$1" || true
}

# ensure_demo_db DB CONF: the database with every suite addon and its demo data; created on
# the first run, updated (new addons installed) when the addons' files changed since.
ensure_demo_db() {
  local DB=$1 CONF=$2 stamp sum mods
  stamp="$RRS_STATE_DIR/$DB.addons.sha1"
  sum=$(cd "$RRS_ROOT/addons" && find . -type f ! -name '*.pyc' -print0 | sort -z | xargs -0 sha1sum | sha1sum | cut -d' ' -f1)
  mods=$(echo $RRS_ADDONS | tr ' ' ',')
  if ! db_exists "$DB" || ! PGPASSWORD="$RRS_DB_PASSWORD" psql -h "${RRS_DB_HOST:-127.0.0.1}" -p "$RRS_DB_PORT" \
       -U "$RRS_DB_USER" -d "$DB" -Atc "select 1 from ir_module_module where name='rrs_case' and state='installed'" 2>/dev/null | grep -q 1; then
    log "Creating database $DB with the suite and its demo data (a few minutes)"
    odoo_bin -c "$CONF" -d "$DB" -i "$mods" --with-demo --stop-after-init --log-level=warn \
      || die "Installing the suite into $DB failed (see above)."
    echo "$sum" > "$stamp"
  elif [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$sum" ]; then
    log "Addon code changed: installing the new addons and updating $mods in $DB"
    odoo_bin -c "$CONF" -d "$DB" -i "$mods" -u "$mods" --stop-after-init --log-level=warn \
      || die "Updating the suite in $DB failed (see above)."
    echo "$sum" > "$stamp"
  fi
}

# pot_outdated DB CONF: the suite addons whose i18n/<addon>.pot differs from the terms the
# database exports (the creation and revision dates aside); prints their names.
pot_outdated() {
  local DB=$1 CONF=$2 m tmp
  tmp=$(mktemp -d)
  for m in $RRS_ADDONS; do
    odoo_bin i18n export -c "$CONF" -d "$DB" -o "$tmp/$m.pot" "$m" >/dev/null 2>&1 || { echo "$m"; continue; }
    if ! diff -q <(grep -vE '^"(POT-Creation-Date|PO-Revision-Date):' "$tmp/$m.pot") \
         <(grep -vE '^"(POT-Creation-Date|PO-Revision-Date):' "$RRS_ROOT/addons/$m/i18n/$m.pot" 2>/dev/null) >/dev/null; then
      echo "$m"
    fi
  done
  rm -rf "$tmp"
}
