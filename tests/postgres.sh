# Sourced by tests/run.sh: a throwaway PostgreSQL server for the PostgreSQL store's tests.
#   livechat_pg_start  installs PostgreSQL from Debian's packages when its programs are missing, creates a cluster in a
#                      fresh temporary folder, starts it on a free port of 127.0.0.1 only, and exports LIVECHAT_POSTGRES
#                      (an Npgsql connection string for its superuser and the "postgres" maintenance database).
#   livechat_pg_stop   stops that server and removes the folder; safe to call more than once, or without a start.
#   livechat_pg_database NAME
#                      creates the database NAME on the server started above and prints LIVECHAT_POSTGRES for it, so a
#                      test project starts on an empty database whatever ran before it; with a server of the caller's
#                      (LIVECHAT_POSTGRES set before the start), prints LIVECHAT_POSTGRES as it is.
# When LIVECHAT_POSTGRES is set already, start uses that server as it is and stop leaves it alone.
# The cluster trusts every local connection and runs with fsync off: it is for tests only, and lives as long as the run.
# LIVECHAT_PG_DURABLE=1 keeps fsync, synchronous_commit and full_page_writes on instead (PostgreSQL's defaults), so a
# commit returns only once its WAL is flushed to disk: benchmarks/run.sh sets it to measure durable writes.

# shellcheck source=tests/debian.sh
source "$(dirname "${BASH_SOURCE[0]}")/debian.sh"

livechat_pg_dir=""
livechat_pg_bin=""
livechat_pg_user=""

# Prints the folder holding initdb and pg_ctl, or fails. Debian keeps them out of PATH, under /usr/lib/postgresql/N/bin.
livechat_pg_find_bin() {
  local candidate candidates=()
  if command -v pg_ctl >/dev/null 2>&1; then
    # Resolve symbolic links, so that initdb, pg_ctl and postgres are taken from one installation.
    candidates+=("$(dirname "$(readlink -f "$(command -v pg_ctl)")")")
  fi
  # Newest major version first: /usr/lib/postgresql/N/bin sorts on its fifth "/" field.
  for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5,5 -n -r); do
    candidates+=("$candidate")
  done
  for candidate in ${candidates[@]+"${candidates[@]}"}; do
    if [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ] && [ -x "$candidate/postgres" ]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

# Runs a command as the cluster's owner, from inside the cluster's folder (the caller's folder may be unreadable to it).
livechat_pg_as_owner() {
  if [ -n "$livechat_pg_user" ]; then
    (cd "$livechat_pg_dir" && runuser -u "$livechat_pg_user" -- "$@")
  else
    (cd "$livechat_pg_dir" && "$@")
  fi
}

livechat_pg_start() {
  local attempt port version durability
  if [ -n "${LIVECHAT_POSTGRES:-}" ]; then
    echo "PostgreSQL: using the server LIVECHAT_POSTGRES names"
    return 0
  fi

  livechat_pg_bin=$(livechat_pg_find_bin) || {
    livechat_apt_install postgres.sh postgresql || return 1
    livechat_pg_bin=$(livechat_pg_find_bin) || {
      echo "postgres.sh: PostgreSQL was installed, but initdb and pg_ctl were not found" >&2
      return 1
    }
  }

  if [ "$(id -u)" -eq 0 ]; then
    # PostgreSQL refuses to run as root: the cluster belongs to an unprivileged system user. Debian's package creates
    # "postgres"; where the programs came from elsewhere, make a user of our own.
    if id -u postgres >/dev/null 2>&1; then
      livechat_pg_user=postgres
    else
      livechat_pg_user=livechat-pg
      id -u "$livechat_pg_user" >/dev/null 2>&1 \
        || useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$livechat_pg_user" \
        || { echo "postgres.sh: could not create a system user to run PostgreSQL as" >&2; return 1; }
    fi
    # /tmp, not $TMPDIR: the owner must be able to reach the folder, and root's TMPDIR may be private.
    livechat_pg_dir=$(mktemp -d /tmp/livechat-pg.XXXXXX) || return 1
    chown "$livechat_pg_user": "$livechat_pg_dir" || return 1
  else
    livechat_pg_user=""
    livechat_pg_dir=$(mktemp -d "${TMPDIR:-/tmp}/livechat-pg.XXXXXX") || return 1
  fi

  if ! livechat_pg_as_owner "$livechat_pg_bin/initdb" -D "$livechat_pg_dir/data" -U postgres -A trust -E UTF8 --locale=C --no-sync \
      >"$livechat_pg_dir/initdb.log" 2>&1; then
    cat "$livechat_pg_dir/initdb.log" >&2
    echo "postgres.sh: initdb failed" >&2
    livechat_pg_stop
    return 1
  fi

  if [ "${LIVECHAT_PG_DURABLE:-0}" = "1" ]; then
    durability="fsync = on
synchronous_commit = on
full_page_writes = on"
  else
    durability="fsync = off
synchronous_commit = off
full_page_writes = off"
  fi

  # A port picked now may be taken before the server binds it: try a few.
  for attempt in 1 2 3 4 5; do
    port=$(livechat_free_port postgres.sh) || break
    # Settings go to postgresql.auto.conf (read last), so no quoting of paths on a command line is needed.
    # 500 connections: a cluster check runs three or four servers in one process, each with a store pool of up to 100
    # and Orleans' own connections; 200 were exhausted under load ("53300: too many clients", docs/scale-out.md).
    cat >"$livechat_pg_dir/data/postgresql.auto.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$livechat_pg_dir'
max_connections = 500
$durability
logging_collector = off
EOF
    [ -z "$livechat_pg_user" ] || chown "$livechat_pg_user": "$livechat_pg_dir/data/postgresql.auto.conf"
    if livechat_pg_as_owner "$livechat_pg_bin/pg_ctl" -D "$livechat_pg_dir/data" -l "$livechat_pg_dir/server.log" -w -t 60 start \
        >/dev/null 2>&1; then
      version=$("$livechat_pg_bin/pg_ctl" --version | awk '{print $3}')
      export LIVECHAT_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
      echo "PostgreSQL $version started on 127.0.0.1:$port (throwaway cluster in $livechat_pg_dir, $(echo "$durability" | head -n 1))"
      return 0
    fi
  done

  cat "$livechat_pg_dir/server.log" >&2 2>/dev/null
  echo "postgres.sh: the PostgreSQL server did not start" >&2
  livechat_pg_stop
  return 1
}

livechat_pg_database() {
  local name=$1 port
  if [ -z "$livechat_pg_dir" ]; then
    echo "$LIVECHAT_POSTGRES"
    return 0
  fi
  port=$(echo "$LIVECHAT_POSTGRES" | sed -n 's/.*Port=\([0-9]*\).*/\1/p')
  livechat_pg_as_owner "$livechat_pg_bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -q -v ON_ERROR_STOP=1 -c "SET client_min_messages TO warning" \
    -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" >&2 || return 1
  echo "${LIVECHAT_POSTGRES/Database=postgres/Database=$name}"
}

livechat_pg_stop() {
  if [ -n "$livechat_pg_dir" ] && [ -d "$livechat_pg_dir" ]; then
    if [ -f "$livechat_pg_dir/data/postmaster.pid" ]; then
      livechat_pg_as_owner "$livechat_pg_bin/pg_ctl" -D "$livechat_pg_dir/data" -m fast -w -t 60 stop >/dev/null 2>&1 || true
    fi
    rm -rf "$livechat_pg_dir"
  fi
  livechat_pg_dir=""
  return 0
}
