#!/bin/sh
# Runs one release's migrations as a Kubernetes Job and exits with the Job's outcome:
#   k8s/migrate-job.sh VERSION
# Sets the suspended CronJob notes-migrate's image to the migrate image tagged VERSION, creates the
# Job notes-migrate-VERSION from it (a Job of the same name left by an earlier attempt is
# deleted first), waits until the Job succeeds or fails, prints its log, and exits 0 or 1.
# Lockstep's migrations.deadline bounds the whole script.
set -eu
version=${1:?usage: migrate-job.sh VERSION}
namespace=${NOTES_NAMESPACE:-notes}
job="notes-migrate-$(echo "$version" | tr . -)"
k() { kubectl -n "$namespace" "$@"; }

k set image cronjob/notes-migrate "migrate=${NOTES_MIGRATE_REPOSITORY:-registry.example.com/notes/migrate}:$version"
k delete job "$job" --ignore-not-found --wait=true
k create job "$job" --from=cronjob/notes-migrate
while :; do
  outcome=$(k get job "$job" -o jsonpath='{.status.succeeded}:{.status.failed}')
  case $outcome in
    1:*) k logs "job/$job"; exit 0 ;;
    *:[1-9]*) k logs "job/$job" || true; echo "migrate-job.sh: Job $job failed" >&2; exit 1 ;;
  esac
  sleep 2
done
