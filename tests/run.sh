#!/usr/bin/env bash
# The test command of README.md, run as is by CI on a fresh Debian machine with the .NET 10 SDK.
#  1. builds the solution in Release with warnings as errors;
#  2. starts a throwaway PostgreSQL server (tests/postgres.sh; installs Debian's postgresql package when it is missing),
#     installs the SMTP server the e-mail adapter's tests start on 127.0.0.1 (tests/smtp.sh; Debian's python3-aiosmtpd),
#     and runs every test project (unit, scenario, store compliance, concurrency, property and SMTP tests, and the browser
#     tests of the widget and the inbox on Debian's chromium, installed by tests/chromium.sh when missing, with npm);
#  3. packs the seven packages (the core, the relational base, SQLite, PostgreSQL, MailKit, ASP.NET Core, Orleans) as a CI build (deterministic, with symbols packages), checks their repository metadata,
#     symbols and SourceLink (tests/PackageSmoke/CheckSymbols.cs), and consumes LiveChat.Core, LiveChat.Storage.Sqlite
#     and LiveChat.Email.MailKit from a fresh console app and LiveChat.AspNetCore from a fresh web app (run, and run
#     published) through a local folder feed, then runs the outside testers'
#     host checks (tests/HostChecks/Issue12, Issue13, Issue13b, Issue14, Issue15, Issue15b, Issue15c, Issue15d, Issue18, Issue18b, Issue18c: xUnit projects consuming those packages) against them.
# It prints one closing line "N passed, N failed" and exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

if ! command -v dotnet >/dev/null 2>&1; then
  echo "tests/run.sh needs the .NET 10 SDK (dotnet) on PATH" >&2
  exit 1
fi

# shellcheck source=tests/postgres.sh
source "$root/tests/postgres.sh"
# shellcheck source=tests/smtp.sh
source "$root/tests/smtp.sh"
# shellcheck source=tests/chromium.sh
source "$root/tests/chromium.sh"
work=$(mktemp -d)
trap 'livechat_pg_stop; rm -rf "$work"' EXIT
# Turn Ctrl-C and a kill into a normal exit, so the EXIT trap stops the server then too.
trap 'exit 130' INT
trap 'exit 143' TERM

echo "== 1/3 build (Release, warnings are errors)"
# npm for the widget's SignalR browser client (the build runs npm ci once), chromium for the browser tests.
livechat_browser_prepare
dotnet build LiveChat.Core.sln -c Release -warnaserror -nologo -v quiet -clp:NoSummary

echo "== 2/3 tests"
# The PostgreSQL store's tests read LIVECHAT_POSTGRES, which this sets; the EXIT trap stops the server.
livechat_pg_start
# The MailKit adapter's tests read LIVECHAT_AIOSMTPD, which this sets, and start their own servers with it.
livechat_smtp_prepare
set +e
# A test that runs for 10 minutes is hung (the longest take about 3): the run stops it and names it, instead of waiting
# out CI's time limit with nothing said.
hang=(--blame-hang-timeout 10m --blame-hang-dump-type none)
# The multi-process SIGKILL tests measure failover against a grace period: they run on their own after the others, so
# that the other test assemblies (run in parallel) do not share the two cores with their silo processes.
dotnet test LiveChat.Core.sln -c Release --no-build --nologo "${hang[@]}" --filter "FullyQualifiedName!~LiveChat.Orleans.ProcessTests" 2>&1 | tee "$work/test.log"
status=${PIPESTATUS[0]}
dotnet test tests/LiveChat.Orleans.ProcessTests -c Release --no-build --nologo "${hang[@]}" 2>&1 | tee -a "$work/test.log"
[ "${PIPESTATUS[0]}" -eq 0 ] || status=1
set -e
passed=$(grep -oE 'Passed: +[0-9]+' "$work/test.log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$work/test.log" | awk '{s+=$2} END {print s+0}')
if [ "$status" -ne 0 ] || [ "$passed" -eq 0 ]; then
  echo "tests: $passed passed, $failed failed"
  exit 1
fi

echo "== 3/3 packages: pack, then consume them from a fresh console app"
# A unique prerelease version, so the global packages cache can never serve a stale copy.
version="0.1.0-smoke.$(date +%s)"
extensions=$(sed -n 's:.*<MicrosoftExtensionsVersion>\(.*\)</MicrosoftExtensionsVersion>.*:\1:p' Directory.Packages.props)
# Built again as a CI service builds them (CI=true: deterministic, source paths mapped to /_/), each with its .snupkg.
# LiveChat.Storage.Relational before the adapters: they depend on it, and a consumer restores it from the same feed.
for project in LiveChat.Core LiveChat.Storage.Relational LiveChat.Storage.Sqlite LiveChat.Storage.PostgreSql LiveChat.Email.MailKit LiveChat.AspNetCore LiveChat.Orleans; do
  CI=true dotnet pack "src/$project" -c Release -nologo -v quiet -o "$work/feed" -p:Version="$version"
done
# Each package names its repository and commit; its symbols are deterministic, with SourceLink when there is a remote.
# SourceLink and the repository URL need a hosted remote (https or ssh); a clone of a folder has none to point at.
commit=$(git -C "$root" rev-parse HEAD 2>/dev/null || true)
remote=$(git -C "$root" remote get-url origin 2>/dev/null || true)
case "$remote" in https://* | git@* | ssh://*) ;; *) remote="" ;; esac
dotnet run "$root/tests/PackageSmoke/CheckSymbols.cs" -- "$work/feed" "$version" "$commit" "$remote"
mkdir "$work/app"
(
  cd "$work/app"
  dotnet new console -n SmokeApp -o . --framework net10.0 >/dev/null
  dotnet new nugetconfig >/dev/null
  dotnet nuget add source "$work/feed" --name local --configfile nuget.config >/dev/null
  dotnet add package LiveChat.Core --version "$version" >/dev/null
  dotnet add package LiveChat.Storage.Sqlite --version "$version" >/dev/null
  dotnet add package LiveChat.Email.MailKit --version "$version" >/dev/null
  dotnet add package Microsoft.Extensions.DependencyInjection --version "$extensions" >/dev/null
  cp "$root/tests/PackageSmoke/Program.cs" Program.cs
  dotnet run -c Release
)
passed=$((passed + 1))
# A fresh web app with only LiveChat.AspNetCore: the hubs and the widget's static web assets come from the package, under
# dotnet run (through the static web assets manifest) and published (copied to wwwroot/_content).
mkdir "$work/web"
(
  cd "$work/web"
  dotnet new web -n SmokeWeb -o . --framework net10.0 >/dev/null
  dotnet new nugetconfig >/dev/null
  dotnet nuget add source "$work/feed" --name local --configfile nuget.config >/dev/null
  dotnet add package LiveChat.AspNetCore --version "$version" >/dev/null
  cp "$root/tests/PackageSmoke/WebProgram.cs" Program.cs
  # No launch profile: Production, where only UseStaticWebAssets() (the README's call) serves the package's files.
  dotnet run -c Release --no-launch-profile
  dotnet publish -c Release -o "$work/web-published" -nologo -v quiet
  cd "$work/web-published"
  dotnet SmokeWeb.dll
)
passed=$((passed + 1))

# The outside testers' host checks (tests/HostChecks, not in the solution): xUnit projects that consume the packages just
# packed, as a host application does, with the PostgreSQL server of step 2 (LIVECHAT_POSTGRES). LIVECHAT_FEED stays
# unset: their package checks skip, CheckSymbols above checks symbols and SourceLink.
set +e
for checks in Issue12 Issue13 Issue13b Issue14 Issue15 Issue15b Issue15c Issue15d Issue18 Issue18b Issue18c; do
  # Each project on an empty database: what one leaves behind (thousands of workspaces) is not the next one's load.
  database=$(livechat_pg_database "checks_$(echo "$checks" | tr '[:upper:]' '[:lower:]')") || database=$LIVECHAT_POSTGRES
  LIVECHAT_POSTGRES="$database" env -u LIVECHAT_FEED -u LIVECHAT_VERSION dotnet test "tests/HostChecks/$checks" -c Release --nologo "${hang[@]}" \
    -p:LiveChatVersion="$version" -p:RestoreAdditionalProjectSources="$work/feed" 2>&1 | tee "$work/$checks.log"
  status=${PIPESTATUS[0]}
  ran=$(grep -oE 'Passed: +[0-9]+' "$work/$checks.log" | awk '{s+=$2} END {print s+0}')
  passed=$((passed + ran))
  failed=$((failed + $(grep -oE 'Failed: +[0-9]+' "$work/$checks.log" | awk '{s+=$2} END {print s+0}')))
  if [ "$status" -ne 0 ] || [ "$ran" -eq 0 ]; then
    host_checks_failed=1
  fi
done
set -e

echo "tests: $passed passed, $failed failed"
if [ "${host_checks_failed:-0}" -ne 0 ]; then
  exit 1
fi
