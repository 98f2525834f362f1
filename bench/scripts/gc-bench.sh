#!/usr/bin/env bash
# The collector and heap settings compared on this machine: for each model, the median training step (forward +
# backward, batch 64 on 1x28x28, 2 threads; bench ModelStep) and the peak RSS of the JVM, under each setting, in
# alternating rounds. Settings: launcher (./fovea --jvm-options), defaults (the JVM's own: G1, a quarter of the
# memory), and any given in GC_SETTINGS as "name=options;name=options".
# Usage: bench/scripts/gc-bench.sh [ROUNDS=3] [ITERATIONS=200] [WARMUP=100] [MODELS="mlp lenet5 2conv-bn resnet20"]
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)"
rounds="${1:-3}"; iterations="${2:-200}"; warmup="${3:-100}"; models="${4:-mlp lenet5 2conv-bn resnet20}"
java="$("$root/fovea" --java)"
(cd "$root" && { mvn -q -o package -pl bench -am -DskipTests || mvn -q package -pl bench -am -DskipTests; } >/dev/null 2>&1) \
    || { echo "the build failed: run mvn package -pl bench -am -DskipTests" >&2; exit 1; }
jar="$root/bench/target/benchmarks.jar"
declare -A options=([launcher]="$("$root/fovea" --jvm-options)" [defaults]="")
names=(launcher defaults)
IFS=';' read -r -a extra <<< "${GC_SETTINGS:-}"
for setting in "${extra[@]}"; do [ -n "$setting" ] && { options[${setting%%=*}]="${setting#*=}"; names+=("${setting%%=*}"); }; done
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
for model in $models; do
    name="$model"; [ "$model" = 2conv-bn ] && name="CONV3x32-BN-RELU-POOL-CONV3x64-BN-RELU-POOL-FC256-RELU-DROPOUT50-FC10"
    declare -A steps=() rss=()
    for round in $(seq 1 "$rounds"); do
        for setting in "${names[@]}"; do
            # shellcheck disable=SC2086  # the options are words
            s=$(/usr/bin/time -f "%M" -o "$work/rss" "$java" --add-modules jdk.incubator.vector ${options[$setting]} -cp "$jar" \
                fovea.bench.ModelStep "$name" 1 28 10 64 2 "$warmup" "$iterations" 2>/dev/null | tail -n 1)
            steps[$setting]+="$(echo "$s" | sed 's/.*"seconds": \([0-9.]*\).*/\1/') "
            rss[$setting]+="$(tail -n 1 "$work/rss") "
        done
    done
    for setting in "${names[@]}"; do
        /usr/bin/python3 -c "import statistics,sys; s=[float(v) for v in sys.argv[3].split()]; r=[float(v) for v in sys.argv[4].split()]; \
print('%-9s %-10s step %7.2f ms (rounds %s)   peak RSS %5.0f MiB' % (sys.argv[1], sys.argv[2], statistics.median(s)*1e3, \
' '.join('%.2f' % (v*1e3) for v in s), statistics.median(r)/1024))" "$model" "$setting" "${steps[$setting]}" "${rss[$setting]}"
    done
done
echo "settings: $(for s in "${names[@]}"; do printf '%s=[%s] ' "$s" "${options[$s]}"; done)"
