# Sourced by ./mvnw and ./ferry: makes JAVA_HOME a JDK 21 or newer.
# Keeps JAVA_HOME when it already is one; otherwise takes the newest JDK under /usr/lib/jvm.
# A JDK's release file names its version: reading it with the shell's own read costs nothing, where
# asking the java binary starts a JVM (about 100 ms, paid on every ./ferry start) and each sed a
# process. The JVM is asked only without the file.
ferry_java_feature() { # sets ferry_v to the feature version of the java binary $1, or empty
  ferry_v=""
  local release="${1%/bin/java}/release" line
  if [ -f "$release" ]; then
    while IFS= read -r line || [ -n "$line" ]; do
      case "$line" in
        JAVA_VERSION=\"[0-9]*)
          line="${line#JAVA_VERSION=\"}"
          ferry_v="${line%%[!0-9]*}"
          return 0
          ;;
      esac
    done <"$release"
  fi
  ferry_v=$("$1" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p' | head -n 1)
}
ferry_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    ferry_java_feature "$JAVA_HOME/bin/java"
    if [ "${ferry_v:-0}" -ge 21 ]; then FERRY_JAVA_FEATURE=$ferry_v; return 0; fi
  fi
  best=""
  best_v=0
  for candidate in /usr/lib/jvm/*; do
    [ -x "$candidate/bin/javac" ] || continue
    ferry_java_feature "$candidate/bin/java"
    if [ "${ferry_v:-0}" -ge 21 ] && [ "${ferry_v:-0}" -gt "$best_v" ]; then
      best="$candidate"
      best_v=$ferry_v
    fi
  done
  if [ -z "$best" ]; then
    echo "Ferry needs a JDK 21 or newer: set JAVA_HOME, or install one under /usr/lib/jvm" >&2
    return 1
  fi
  JAVA_HOME="$best"
  FERRY_JAVA_FEATURE=$best_v
  export JAVA_HOME
}
ferry_find_jdk || exit 1
