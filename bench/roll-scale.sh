#!/usr/bin/env bash
# The scale run of rolling upgrades: 10, 100 and 1,000 lightweight nodes in batches of 50, each roll
# journaled for real (SQLite). The nodes and their load balancer are held in memory (the only place
# Lockstep uses fakes: 1,000 real nodes do not fit on one machine), so what is measured is
# Lockstep's own cost: its time, its journal's size and its heap. They must grow no faster than the
# node count. Runs RollScaleBench (lockstep-engine's tests), which prints a table.
# Needs Java 17.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
./mvnw -q -B test -pl lockstep-engine -am -Dtest=RollScaleBench -Dbench.rollScale=true \
  -Dsurefire.failIfNoSpecifiedTests=false -Dspotless.check.skip=true -Denforcer.skip=true \
  | grep -E '^\|'
