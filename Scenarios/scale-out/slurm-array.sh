#!/bin/bash
# A Slurm job array: task SLURM_ARRAY_TASK_ID (0..15) runs one shard of 200 replications.
#   mkdir -p results && sbatch Scenarios/scale-out/slurm-array.sh
# (Slurm opens the --output log before the script runs, so results/ must exist first.)
# then, when every task has finished:
#   mqlab merge results/part-*.json > replications.json
#SBATCH --job-name=mqlab-replications
#SBATCH --array=0-15
#SBATCH --cpus-per-task=4
#SBATCH --mem=512M
#SBATCH --time=00:30:00
#SBATCH --output=results/slurm-%A_%a.log
set -euo pipefail
SHARDS=16   # must match --array=0-(SHARDS-1)
mqlab run Scenarios/task-queue.json --replications 200 --format json \
  --threads "${SLURM_CPUS_PER_TASK:-1}" \
  --shard "${SLURM_ARRAY_TASK_ID}/${SHARDS}" > "results/part-${SLURM_ARRAY_TASK_ID}.json"
