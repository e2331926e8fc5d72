# Sourced by ./longview, scripts/test.sh and .ci/run: finds a JDK >= 21 and exports JAVA_HOME.
# Looks at $JAVA_HOME, then `java` on the PATH, then the usual install folders, and picks the
# first that is new enough (the install folders newest first). Fails with the fix otherwise.

longview_java_major() { # prints the major version of the java binary $1, or nothing
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

longview_find_jdk() {
  local candidates=() c v
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    c=$(readlink -f "$(command -v java)")
    candidates+=("$(dirname "$(dirname "$c")")")
  fi
  for c in $(ls -d /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* /Library/Java/JavaVirtualMachines/*/Contents/Home \
      "$HOME"/.sdkman/candidates/java/* 2>/dev/null | sort -rV); do
    candidates+=("$c")
  done
  for c in "${candidates[@]}"; do
    [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] || continue
    v=$(longview_java_major "$c/bin/java")
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then
      export JAVA_HOME="$c"
      # JDK 23+ warns about Maven's own use of sun.misc.Unsafe; silence it where the flag exists.
      if [ "$v" -ge 23 ]; then
        case "${MAVEN_OPTS:-}" in *sun-misc-unsafe*) ;; *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;; esac
      fi
      return 0
    fi
  done
  echo "longview: no JDK 21 or newer found (looked at \$JAVA_HOME, java on the PATH and /usr/lib/jvm)." >&2
  echo "  Install one (e.g. 'apt-get install openjdk-21-jdk' or Temurin 21+) and/or set JAVA_HOME to it." >&2
  return 1
}
