# Sourced by tests/run.sh: the browser tests (tests/LiveChat.Web.BrowserTests) drive Debian's chromium headless through
# Playwright's executable path, and the widget's build needs npm for its SignalR browser client (npm ci).
#   livechat_browser_prepare   installs npm and chromium when missing (Debian's packages, about 2 minutes the first time)
#                              and exports LIVECHAT_CHROMIUM, the browser the tests start.

# shellcheck source=tests/debian.sh
source "$(dirname "${BASH_SOURCE[0]}")/debian.sh"

livechat_browser_prepare() {
  if ! command -v npm >/dev/null 2>&1; then
    livechat_apt_install tests/chromium.sh npm || return 1
  fi
  if [ -n "${LIVECHAT_CHROMIUM:-}" ] && [ -x "$LIVECHAT_CHROMIUM" ]; then
    return 0
  fi
  if ! command -v chromium >/dev/null 2>&1; then
    livechat_apt_install tests/chromium.sh chromium || return 1
  fi
  LIVECHAT_CHROMIUM=$(command -v chromium)
  export LIVECHAT_CHROMIUM
}
