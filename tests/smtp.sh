# Sourced by tests/run.sh: the real SMTP server the LiveChat.Email.MailKit tests send through.
#   livechat_smtp_prepare  installs Debian's python3-aiosmtpd when its aiosmtpd program is missing, checks that it
#                          starts and greets on a free port of 127.0.0.1, and exports LIVECHAT_AIOSMTPD (its path).
# The tests then start their own aiosmtpd processes on free ports of 127.0.0.1 (tests/LiveChat.Email.MailKit.Tests,
# SmtpTestServer), each writing what it accepts to a Maildir the test reads back; owning the process lets a test stop
# the server mid-run and start it again. Every server lives as long as its test.
# Why aiosmtpd: one Debian package with no service to configure, no network account and no daemon left behind; its
# built-in Maildir handler stores each accepted e-mail as one file, byte for byte, with the SMTP envelope (X-MailFrom,
# X-RcptTo) added, which is exactly what the tests need to read back.

# shellcheck source=tests/debian.sh
source "$(dirname "${BASH_SOURCE[0]}")/debian.sh"

livechat_smtp_find() {
  local candidate
  for candidate in "${LIVECHAT_AIOSMTPD:-}" /usr/bin/aiosmtpd; do
    if [ -n "$candidate" ] && [ -x "$candidate" ]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

livechat_smtp_prepare() {
  local program port dir pid attempt greeting=""
  program=$(livechat_smtp_find) || {
    livechat_apt_install smtp.sh python3-aiosmtpd || return 1
    program=$(livechat_smtp_find) || {
      echo "smtp.sh: python3-aiosmtpd was installed, but its aiosmtpd program was not found" >&2
      return 1
    }
  }

  # A smoke start, so a broken installation fails here with a clear message rather than in every test.
  port=$(livechat_free_port smtp.sh) || return 1
  dir=$(mktemp -d "${TMPDIR:-/tmp}/livechat-smtp.XXXXXX") || return 1
  "$program" -n -l "127.0.0.1:$port" -c aiosmtpd.handlers.Mailbox "$dir/Maildir" >"$dir/server.log" 2>&1 &
  pid=$!
  for attempt in $(seq 1 100); do
    if greeting=$( { exec 3<>"/dev/tcp/127.0.0.1/$port" && timeout 2 head -n 1 <&3; } 2>/dev/null ) && [ "${greeting:0:3}" = "220" ]; then
      break
    fi
    greeting=""
    sleep 0.1
  done
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  if [ -z "$greeting" ]; then
    cat "$dir/server.log" >&2
    rm -rf "$dir"
    echo "smtp.sh: aiosmtpd did not greet on 127.0.0.1:$port" >&2
    return 1
  fi
  rm -rf "$dir"
  export LIVECHAT_AIOSMTPD="$program"
  echo "SMTP: aiosmtpd ($program) greets on 127.0.0.1; the MailKit tests start their own servers with it"
}
