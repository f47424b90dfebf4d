#!/bin/sh
# The fault suite, in full: kill -9 of Lockstep at random moments of an upgrade, a failing upgrade
# and a rollback of the sample product (50 trials), each followed by `lockstep resume` and a check
# that the deployment is whole; then the named faults (PostgreSQL killed during a backup, a service
# killed during validation, a full disk during a dump, two Locksteps racing). Prints one line per
# trial and fault, and exits 1 if any failed.
#
#   faults/run.sh                        # 50 trials from a random seed (printed)
#   FAULT_TRIALS=10 FAULT_SEED=4242 faults/run.sh
#   FAULT_TRIAL_SEEDS=4243,4250 faults/run.sh    # repeat given trials only
#
# A failed trial keeps its folder (journal, reports, logs, the output of every command in
# fault.log) and names it in the table. Needs what `./mvnw verify` needs; run as root, the full-disk
# fault mounts a small tmpfs, otherwise a dump command that fails midway stands in for it.
set -u
cd "$(dirname "$0")/.."

trials=${FAULT_TRIALS:-50}
seed=${FAULT_SEED:-$(od -An -N3 -tu4 /dev/urandom | tr -d ' ')}
out="$PWD/lockstep-cli/target/faults"
mkdir -p "$out"
rm -f "$out/results.tsv"

echo "fault suite: $trials trial(s), seed $seed; Maven's output goes to $out/maven.log"
start=$(date +%s)
./mvnw -B -pl lockstep-cli -am verify \
  -Dtest=NoSuchTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test='FaultSuiteIT,FaultScenariosIT' -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dfaults.trials="$trials" -Dfaults.seed="$seed" \
  ${FAULT_TRIAL_SEEDS:+-Dfaults.trialSeeds=$FAULT_TRIAL_SEEDS} \
  -Dfaults.report="$out/results.tsv" >"$out/maven.log" 2>&1
status=$?
elapsed=$(( $(date +%s) - start ))

if [ ! -s "$out/results.tsv" ]; then
  echo "fault suite: no results (the build failed before the suite ran); see $out/maven.log" >&2
  tail -n 30 "$out/maven.log" >&2
  exit 1
fi

awk -F '\t' '
  NR == 1 { printf "%-5s %-7s %-46s %-22s %-44s %-6s %-7s %s\n", "trial", "seed", "scenario",
            "kill", "at kill", "resume", "outcome", "what failed"; next }
  { printf "%-5s %-7s %-46s %-22s %-44s %-6s %-7s %s\n", $1, $2, substr($3, 1, 46), $4,
           substr($5, 1, 44), $6, $7, ($8 == "-" ? "" : $8 "  [kept: " $9 "]")
    total++; if ($7 == "ok") ok++ }
  END { printf "\n%d run, %d ok, %d failed\n", total, ok, total - ok }
' "$out/results.tsv"
echo "fault suite: ${elapsed}s; table in $out/results.tsv"
[ "$status" -eq 0 ] || echo "fault suite: Maven exited $status; see $out/maven.log" >&2
exit "$status"
