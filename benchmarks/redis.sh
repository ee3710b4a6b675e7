# Sourced by benchmarks/run.sh: a throwaway Redis server for the Chatwoot-style round-robin baseline.
#   livechat_redis_start  installs Redis from Debian's packages when redis-server is missing, starts a server on a free
#                         port of 127.0.0.1 only, with its own folder in a fresh temporary folder, and exports
#                         LIVECHAT_REDIS (host:port).
#   livechat_redis_stop   stops that server and removes the folder; safe to call more than once, or without a start.
# When LIVECHAT_REDIS is set already, start uses that server as it is and stop leaves it alone.
# The server keeps nothing on disk (no snapshots, no append-only file), as Redis is usually run as a cache: it lives as
# long as the run.

# shellcheck source=tests/debian.sh
source "$(dirname "${BASH_SOURCE[0]}")/../tests/debian.sh"

livechat_redis_dir=""

# Succeeds once the server on the given port answers PING with PONG.
livechat_redis_ping() {
  local reply=""
  # shellcheck disable=SC2016 # $1 is expanded by the inner shell, which gets the port as its argument.
  reply=$(timeout 2 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" && printf "PING\r\n" >&3 && read -r line <&3 && printf "%s" "$line"' _ "$1" 2>/dev/null) || return 1
  [ "${reply%$'\r'}" = "+PONG" ]
}

livechat_redis_start() {
  local attempt port tries version
  if [ -n "${LIVECHAT_REDIS:-}" ]; then
    echo "Redis: using the server LIVECHAT_REDIS names"
    return 0
  fi

  if ! command -v redis-server >/dev/null 2>&1; then
    livechat_apt_install redis.sh redis-server || return 1
    command -v redis-server >/dev/null 2>&1 || {
      echo "redis.sh: Redis was installed, but redis-server is not on PATH" >&2
      return 1
    }
  fi

  livechat_redis_dir=$(mktemp -d "${TMPDIR:-/tmp}/livechat-redis.XXXXXX") || return 1

  # A port picked now may be taken before the server binds it: try a few.
  for attempt in 1 2 3 4 5; do
    port=$(livechat_free_port redis.sh) || break
    # Settings go to a file of our own, so no quoting of paths on a command line is needed. Redis refuses to start
    # when it cannot bind, so a lost race shows up as a failed start below.
    cat >"$livechat_redis_dir/redis.conf" <<EOF
bind 127.0.0.1
port $port
protected-mode yes
dir $livechat_redis_dir
pidfile $livechat_redis_dir/redis.pid
logfile $livechat_redis_dir/redis.log
daemonize yes
save ""
appendonly no
EOF
    if redis-server "$livechat_redis_dir/redis.conf" >/dev/null 2>&1; then
      for tries in $(seq 1 100); do
        if livechat_redis_ping "$port"; then
          version=$(redis-server --version | sed -n 's/.*v=\([^ ]*\).*/\1/p')
          export LIVECHAT_REDIS="127.0.0.1:$port"
          echo "Redis $version started on 127.0.0.1:$port (throwaway server in $livechat_redis_dir, nothing kept on disk)"
          return 0
        fi
        # Stop waiting for this port once the server has given up (it removes nothing, but its pid is gone).
        if [ -f "$livechat_redis_dir/redis.pid" ] && ! kill -0 "$(cat "$livechat_redis_dir/redis.pid")" 2>/dev/null; then
          break
        fi
        sleep 0.1
      done
    fi
    livechat_redis_kill
  done

  cat "$livechat_redis_dir/redis.log" >&2 2>/dev/null
  echo "redis.sh: the Redis server did not start" >&2
  livechat_redis_stop
  return 1
}

# Stops the server this file started, by the process id it wrote, and waits until it has exited.
livechat_redis_kill() {
  local pid tries
  [ -n "$livechat_redis_dir" ] && [ -f "$livechat_redis_dir/redis.pid" ] || return 0
  pid=$(cat "$livechat_redis_dir/redis.pid")
  rm -f "$livechat_redis_dir/redis.pid"
  [ -n "$pid" ] || return 0
  kill "$pid" 2>/dev/null || return 0
  for tries in $(seq 1 100); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null || true
}

livechat_redis_stop() {
  if [ -n "$livechat_redis_dir" ] && [ -d "$livechat_redis_dir" ]; then
    livechat_redis_kill
    rm -rf "$livechat_redis_dir"
  fi
  livechat_redis_dir=""
  return 0
}
