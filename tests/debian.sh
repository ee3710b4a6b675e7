# Sourced by tests/postgres.sh and benchmarks/redis.sh: what both need to start a throwaway server on this machine.
#   livechat_apt_install SCRIPT PACKAGE  installs one of Debian's packages quietly (with sudo -n when not root);
#                                        SCRIPT names the caller in error messages.
#   livechat_free_port SCRIPT            prints a TCP port of 127.0.0.1 that nothing listens on.

livechat_apt_install() {
  local script=$1 package=$2 sudo="" log
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo="sudo -n"
    else
      echo "$script: $package is not installed, and installing it needs root (apt-get install $package)" >&2
      return 1
    fi
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "$script: $package is not installed, and there is no apt-get to install it with" >&2
    return 1
  fi
  log=$(mktemp)
  if ! { $sudo apt-get update -qq && $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$package"; } >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "$script: installing $package failed" >&2
    return 1
  fi
  rm -f "$log"
}

# Probes with bash's /dev/tcp, so no extra tool is needed.
livechat_free_port() {
  local port tries
  for tries in $(seq 1 200); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return 0
    fi
  done
  echo "$1: found no free TCP port" >&2
  return 1
}
