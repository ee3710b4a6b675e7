#!/usr/bin/env bash
# Runs DurablePostBenchmarks: durable posts per second on SQLite and on PostgreSQL, group commit against one transaction
# per post, in one BenchmarkDotNet run. Starts a throwaway PostgreSQL server with fsync, synchronous_commit and
# full_page_writes on (tests/postgres.sh with LIVECHAT_PG_DURABLE=1) and a throwaway Redis server (benchmarks/redis.sh),
# and stops both at the end.
# Extra arguments go to BenchmarkDotNet instead, e.g. `bash benchmarks/run.sh --filter '*RoutingBaseline*'`.
# The reports are BenchmarkDotNet.Artifacts/results/*-report-github.md. Exits non-zero when a benchmark failed.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# shellcheck source=tests/postgres.sh
source "$root/tests/postgres.sh"
# shellcheck source=benchmarks/redis.sh
source "$root/benchmarks/redis.sh"
trap 'livechat_redis_stop; livechat_pg_stop' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A server named by LIVECHAT_POSTGRES is used as it is; the benchmark refuses it unless fsync and synchronous_commit are on.
export LIVECHAT_PG_DURABLE=1
livechat_pg_start
# A server named by LIVECHAT_REDIS is used as it is. Only the routing baselines use Redis.
livechat_redis_start
filter=("--filter" "*DurablePostBenchmarks*")
if [ "$#" -gt 0 ]; then
  filter=()
fi
dotnet run -c Release --project benchmarks/LiveChat.Core.Benchmarks -- ${filter[@]+"${filter[@]}"} "$@"
