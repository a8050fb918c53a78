#!/bin/sh
# Runs a sweep as SHARDS shards with GNU parallel on this machine (add --sshlogin to spread
# them over hosts that have mqlab and the scenario at the same path), then merges them.
#   usage: Scenarios/scale-out/gnu-parallel.sh [SHARDS]     (from the repository root)
set -eu
SHARDS=${1:-4}
MQLAB=${MQLAB:-mqlab}
OUT=${OUT:-sweep-parts}
mkdir -p "$OUT"
# Each shard runs single-threaded: parallel runs SHARDS of them at once.
seq 0 $((SHARDS - 1)) | parallel --halt now,fail=1 \
  "$MQLAB" sweep Scenarios/task-queue.json \
    --set consumers.workers.instances=3..8 --set producers.web.arrivals.poisson.rate=60,80 \
    --replications 3 --format csv --threads 1 --shard "{}/$SHARDS" ">" "$OUT/part-{}.json"
"$MQLAB" merge "$OUT"/part-*.json > sweep.csv
echo "wrote sweep.csv" >&2
