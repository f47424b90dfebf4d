#!/usr/bin/env bash
# A rolling upgrade under load, against the same load with no upgrade, in one run, on the fleet of
# the rolling story (RollingStoryTest): three nodes of the sample api behind a real HAProxy (one of
# them on a host reached over real SSH) and a worker, on a throwaway PostgreSQL.
#  1. 1.0.0 installed, a rehearsal of 1.1.0.
#  2. BENCH_RATE requests a second (default 100) from BENCH_THREADS clients (default 8) through
#     HAProxy for BENCH_STEADY seconds (default 30), no upgrade: requests, failed, p50, p99; and
#     the next BENCH_STEADY seconds the same, to show how far p99 moves with no upgrade at all. The
#     clients run on a JVM of their own (not the one running Lockstep, whose pauses they would
#     otherwise count), warmed up 3 s before they are measured. HAProxy's slowstart is
#     BENCH_SLOWSTART ms (default 10000; 0: none): a node back in rotation gets its full share of
#     requests over that long, while its JVM compiles its hot code. BENCH_MIN_READY (default 0s)
#     is the fleet's rollout.minReady: how long each node is watched back in rotation before the
#     next one drains. BENCH_NODE_NICE (default 0) is the niceness a node's JVM starts with: above
#     0, a starting node takes less of the cores the serving nodes need, as on a host of its own.
#  3. The same load during `upgrade --to 1.1.0` (rolling): requests, failed, p50, p99; then the
#     roll's requests by what it was doing when each was sent (before the first node, a node
#     stopping, starting, back in rotation, the worker, after), with those over 2x the steady p99.
#  4. Per node: Lockstep's time from draining until the balancer has the node up, less the
#     in-flight wait, the balancer's own health checks after `ready`, the node's stop, install and
#     start commands (each timed by the node's script) and its start-up (from the end of its start
#     command until it answers its /.status, asked every 10 ms): Lockstep's own time per node (its
#     balancer calls, polls, processes, SSH and upload).
# Targets: 0 failed requests; p99 during the roll under 2x steady; Lockstep's own time < 200 ms per
# node. Needs what the tests need (.ci/run installs it): PostgreSQL, haproxy, openssh-server, Java 17.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
./mvnw -q -B test -pl lockstep-examples -am -Dtest=RollBench -Dbench.roll=true \
  -Dbench.threads="${BENCH_THREADS:-8}" -Dbench.rate="${BENCH_RATE:-100}" -Dbench.steady="${BENCH_STEADY:-30}" \
  -Dfleet.slowstart="${BENCH_SLOWSTART:-10000}" -Dbench.minReady="${BENCH_MIN_READY:-0s}" \
  -Dfleet.nodeNice="${BENCH_NODE_NICE:-0}" \
  -Dsurefire.failIfNoSpecifiedTests=false -Dspotless.check.skip=true -Denforcer.skip=true \
  | grep -E '^\||^p99|^chart|^commands'
