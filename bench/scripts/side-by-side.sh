# Sourced by conv-bench.sh, model-bench.sh and rnn-bench.sh after they set $root: checks Debian's python3 with the
# Python modules given as its one argument and a JDK, builds the benchmark jar once, sets $python, $java, $jar and
# $jvm_options, and moves to a neutral temporary folder (no stray module there shadows Python's), removed at exit.
# jvm_options: the launcher's heap and collector options with the heap's pages touched as it is committed, the
# steady state of a long training run, whose first steps fault the heap's pages in once.
python=/usr/bin/python3
java="${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"
modules="$1"   # always given: a sourced script without arguments would see its caller's
"$python" -c "import $modules" 2>/dev/null \
    || { echo "needs Debian's python3 modules: $modules (apt-get install python3-torch python3-torchvision)" >&2; exit 1; }
[ -x "$java" ] || { echo "needs a JDK at $java (or set JAVA)" >&2; exit 1; }
(cd "$root" && { mvn -q -o package -pl bench -am -DskipTests || mvn -q package -pl bench -am -DskipTests; } >/dev/null 2>&1) \
    || { echo "the build failed: run mvn package -pl bench -am -DskipTests" >&2; exit 1; }
jar="$root/bench/target/benchmarks.jar"
# shellcheck source=reference.sh
. "$root/bench/scripts/reference.sh" ${modules//,/ }
jvm_options="$("$root/fovea" --jvm-options) -XX:+AlwaysPreTouch"
cd "$(mktemp -d)"; trap 'rm -rf "$PWD"' EXIT
