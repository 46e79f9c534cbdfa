#!/usr/bin/env bash
# Local PostgreSQL 15 + pgvector for tests and the demo, without Docker.
#
#   scripts/postgres.sh start   install what is missing, start the server, print the JDBC URL
#   scripts/postgres.sh stop    stop the server (data is kept)
#   scripts/postgres.sh url     print the JDBC URL
#   scripts/postgres.sh status  say whether the server runs
#
# Idempotent: a second `start` with everything in place only checks and returns.
# Settings (environment): QWEN3VL_PG_PORT (default 55432), QWEN3VL_PG_DIR (data + socket folder,
# default /var/tmp/qwen3vl-pg as root, ~/.cache/qwen3vl-pg otherwise).
#
# Debian 12 has no pgvector package, so pgvector is built from Debian's own source package of the
# trixie suite (fetched with `apt-get source` from the mirror this machine's apt sources already use).
set -euo pipefail

PG_MAJOR=15
PORT="${QWEN3VL_PG_PORT:-55432}"
BIN="/usr/lib/postgresql/${PG_MAJOR}/bin"
MIN_PGVECTOR="0.8.0"
if [ "$(id -u)" = 0 ]; then
  DIR="${QWEN3VL_PG_DIR:-/var/tmp/qwen3vl-pg}"
  SUDO=""
  as_pg() { runuser -u postgres -- "$@"; }
else
  DIR="${QWEN3VL_PG_DIR:-$HOME/.cache/qwen3vl-pg}"
  SUDO="sudo"
  as_pg() { "$@"; }
fi
DATA="$DIR/data"
URL="jdbc:postgresql://127.0.0.1:${PORT}/postgres?user=postgres"

log() { echo "[postgres.sh] $*" >&2; }

need_packages() {
  local missing=()
  [ -x "$BIN/postgres" ] || missing+=("postgresql-${PG_MAJOR}")
  [ -f "/usr/include/postgresql/${PG_MAJOR}/server/postgres.h" ] || missing+=("postgresql-server-dev-${PG_MAJOR}")
  command -v make >/dev/null || missing+=(make)
  command -v gcc >/dev/null || missing+=(gcc)
  command -v psql >/dev/null || missing+=("postgresql-client-${PG_MAJOR}")
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

# The Debian mirror URI that this machine's apt sources already use (deb822 or one-line format).
debian_mirror() {
  local uri=""
  if [ -f /etc/apt/sources.list.d/debian.sources ]; then
    uri=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources)
  fi
  if [ -z "$uri" ]; then
    uri=$(grep -hE '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
      | grep -v security | sed -E 's/^deb (\[[^]]*\] )?([^ ]+) .*/\2/' | head -n 1)
  fi
  [ -n "$uri" ] || { log "no Debian mirror found in the apt sources"; exit 1; }
  echo "$uri"
}

pgvector_installed() {
  local pkglib sharedir control
  pkglib=$(pg_config_bin --pkglibdir)
  sharedir=$(pg_config_bin --sharedir)
  control="$sharedir/extension/vector.control"
  [ -f "$pkglib/vector.so" ] && [ -f "$control" ] || return 1
  local v
  v=$(sed -nE "s/^default_version *= *'([^']+)'.*/\1/p" "$control")
  [ "$(printf '%s\n%s\n' "$MIN_PGVECTOR" "$v" | sort -V | head -n 1)" = "$MIN_PGVECTOR" ]
}

pg_config_bin() {
  if [ -x "$BIN/pg_config" ]; then "$BIN/pg_config" "$@"; else /usr/bin/pg_config "$@"; fi
}

build_pgvector() {
  local work mirror
  work=$(mktemp -d)
  chmod 755 "$work"   # apt's sandbox user must be able to write its downloads here
  mirror=$(debian_mirror)
  log "building pgvector from Debian's trixie source package (mirror from apt sources)"
  mkdir -p "$work/lists/partial" "$work/src"
  [ "$(id -u)" = 0 ] && chown -R _apt "$work/lists" "$work/src" 2>/dev/null || true
  echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror trixie main" > "$work/sources.list"
  local opts=(-o "Dir::Etc::SourceList=$work/sources.list" -o "Dir::Etc::SourceParts=/dev/null"
              -o "Dir::State::Lists=$work/lists" -o "Debug::NoLocking=1")
  apt-get "${opts[@]}" update -qq
  (cd "$work/src" && apt-get "${opts[@]}" source --download-only -qq pgvector >/dev/null)
  local tarball
  tarball=$(ls "$work"/src/pgvector_*.orig.tar.* | head -n 1)
  tar xf "$tarball" -C "$work/src"
  local srcdir
  srcdir=$(find "$work/src" -maxdepth 1 -type d -name 'pgvector-*' | head -n 1)
  make -s -C "$srcdir" -j2 OPTFLAGS="" PG_CONFIG="$(command -v "$BIN/pg_config" || echo /usr/bin/pg_config)" >/dev/null
  $SUDO make -s -C "$srcdir" install PG_CONFIG="$(command -v "$BIN/pg_config" || echo /usr/bin/pg_config)" >/dev/null
  rm -rf "$work"
}

running() {
  [ -f "$DATA/postmaster.pid" ] && as_pg "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1
}

start() {
  need_packages
  pgvector_installed || build_pgvector
  pgvector_installed || { log "pgvector >= $MIN_PGVECTOR is not installed after the build"; exit 1; }
  if [ ! -f "$DATA/PG_VERSION" ]; then
    log "initdb in $DATA"
    mkdir -p "$DIR"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$DIR"
    as_pg "$BIN/initdb" -D "$DATA" -U postgres -A trust --no-sync -E UTF8 >/dev/null
  fi
  if ! running; then
    log "starting PostgreSQL ${PG_MAJOR} on 127.0.0.1:${PORT}"
    as_pg "$BIN/pg_ctl" -D "$DATA" -l "$DIR/server.log" -w -t 60 \
      -o "-p ${PORT} -k ${DIR} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
  fi
  PGOPTIONS="-c client_min_messages=warning" psql -q -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 \
    -c "CREATE EXTENSION IF NOT EXISTS vector" >/dev/null
  local v
  v=$(psql -At -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -c "SELECT extversion FROM pg_extension WHERE extname='vector'")
  log "ready: PostgreSQL $(psql -At -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -c 'SHOW server_version') with pgvector $v"
  echo "$URL"
}

stop() {
  if running; then as_pg "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null; log "stopped"; else log "not running"; fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) echo "$URL" ;;
  status) if running; then log "running on port $PORT"; else log "not running"; exit 3; fi ;;
  *) echo "usage: $0 start|stop|url|status" >&2; exit 2 ;;
esac
