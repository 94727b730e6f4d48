#!/usr/bin/env bash
# Managed stacks of a running pwsh workload, to see where its threads wait (needs .device/dstack.tar.xz: dotnet-stack).
# Usage (on the GPU machine, after session.sh set up): stacks.sh NAME DELAY COUNT INTERVAL command...
# Runs the command (a pwsh process) in the background, output to $OUT/NAME.log; after DELAY seconds takes COUNT reports
# INTERVAL seconds apart into $OUT/NAME-stacks-K.txt, then waits for the command.
set -uo pipefail
name=$1 delay=$2 count=$3 interval=$4
shift 4
mkdir -p /tmp/dstack && [ -f /tmp/dstack/dotnet-stack.dll ] || tar -C /tmp/dstack -xJf .device/dstack.tar.xz
"$@" > "$OUT/$name.log" 2>&1 &
runner=$!
sleep "$delay"
for ((k = 1; k <= count; k++)); do
  timeout 60 dotnet /tmp/dstack/dotnet-stack.dll report -p "$runner" > "$OUT/$name-stacks-$k.txt" 2>&1
  sleep "$interval"
done
wait "$runner"
tail -n 5 "$OUT/$name.log"
