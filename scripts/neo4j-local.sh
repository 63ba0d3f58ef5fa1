#!/usr/bin/env bash
# A local Neo4j 5.26 LTS Community server without Docker, for development and the test suite.
#
#   scripts/neo4j-local.sh start     fetch (first time only), configure, start, wait until Bolt answers
#   scripts/neo4j-local.sh stop      stop the server started here (pid file)
#   scripts/neo4j-local.sh status    running? (exit 0) or not (exit 3)
#   scripts/neo4j-local.sh fetch     only download the server jars (Maven Central, via mvn)
#   scripts/neo4j-local.sh init      fetch, write the configuration, set the initial password (no start)
#   scripts/neo4j-local.sh env       print export lines (NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD)
#
# The server is assembled from Maven Central with `mvn dependency:copy-dependencies` (scripts/neo4j/pom.xml:
# org.neo4j:neo4j + org.neo4j.app:neo4j-server + org.neo4j.client:neo4j-browser; scripts/neo4j/apoc/pom.xml:
# APOC core) into $KG_NEO4J_HOME/dist/<version>/ and reused afterwards. Each instance (conf, data, logs, pid)
# lives in its own directory, by default one per Bolt port, so several servers can run side by side.
#
# Environment (all optional):
#   KG_NEO4J_HOME        cache dir                       default $HOME/.cache/kg-neo4j
#   KG_NEO4J_VERSION     Neo4j version                   default 5.26.30
#   KG_NEO4J_APOC        APOC core version ("" = none)   default 5.26.19
#   KG_NEO4J_HOST        listen address                  default 127.0.0.1
#   KG_NEO4J_BOLT_PORT   Bolt port                       default 7687
#   KG_NEO4J_HTTP_PORT   HTTP port (Browser)             default 7474
#   KG_NEO4J_INSTANCE    instance dir                    default $KG_NEO4J_HOME/instances/<bolt port>
#   KG_NEO4J_PASSWORD    password of user neo4j          default kg-local-neo4j (set on first start,
#                                                        through a private file, never on a command line)
#   KG_NEO4J_HEAP        JVM heap                        default 512m
#   KG_NEO4J_PAGECACHE   page cache                      default 256m
#   KG_NEO4J_TIMEOUT     seconds to wait for startup     default 180
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
HOME_DIR="${KG_NEO4J_HOME:-$HOME/.cache/kg-neo4j}"
VERSION="${KG_NEO4J_VERSION:-5.26.30}"
APOC_VERSION="${KG_NEO4J_APOC-5.26.19}"
BROWSER_VERSION="${KG_NEO4J_BROWSER_VERSION:-5.24.0}"
HOST="${KG_NEO4J_HOST:-127.0.0.1}"
BOLT_PORT="${KG_NEO4J_BOLT_PORT:-7687}"
HTTP_PORT="${KG_NEO4J_HTTP_PORT:-7474}"
INSTANCE="${KG_NEO4J_INSTANCE:-$HOME_DIR/instances/$BOLT_PORT}"
PASSWORD="${KG_NEO4J_PASSWORD:-kg-local-neo4j}"
HEAP="${KG_NEO4J_HEAP:-512m}"
PAGECACHE="${KG_NEO4J_PAGECACHE:-256m}"
TIMEOUT="${KG_NEO4J_TIMEOUT:-180}"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

DIST="$HOME_DIR/dist/$VERSION"
PLUGINS="$HOME_DIR/dist/apoc-${APOC_VERSION:-none}"
PID_FILE="$INSTANCE/run/neo4j.pid"
LOG_FILE="$INSTANCE/logs/console.log"   # JVM stdout/stderr
USER_LOG="$INSTANCE/logs/neo4j.log"      # Neo4j's own log ("Started." when ready)

die() { echo "neo4j-local: $*" >&2; exit 1; }
say() { echo "neo4j-local: $*" >&2; }

# Fetch the server jars once (a lock keeps parallel starts from fetching twice).
fetch() {
  mkdir -p "$HOME_DIR"
  exec 9>"$HOME_DIR/.fetch.lock"
  flock 9
  if [[ ! -f "$DIST/.complete" ]]; then
    command -v mvn >/dev/null || die "mvn not found: install Maven (apt-get install maven)"
    say "fetching Neo4j $VERSION + Browser $BROWSER_VERSION from Maven Central into $DIST ..."
    local t0=$SECONDS
    rm -rf "$DIST.tmp" && mkdir -p "$DIST.tmp"
    mvn -B -q -f "$SCRIPT_DIR/neo4j/pom.xml" dependency:copy-dependencies \
      -Dneo4j.version="$VERSION" -Dneo4j.browser.version="$BROWSER_VERSION" \
      -DincludeScope=runtime -DoutputDirectory="$DIST.tmp/lib" >"$HOME_DIR/fetch.log" 2>&1 \
      || { tail -20 "$HOME_DIR/fetch.log" >&2; die "mvn could not fetch Neo4j $VERSION (log: $HOME_DIR/fetch.log)"; }
    touch "$DIST.tmp/.complete"
    rm -rf "$DIST" && mv "$DIST.tmp" "$DIST"
    say "fetched in $((SECONDS - t0)) s ($(du -sh "$DIST" | cut -f1))"
  fi
  if [[ -n "$APOC_VERSION" && ! -f "$PLUGINS/.complete" ]]; then
    say "fetching APOC core $APOC_VERSION ..."
    rm -rf "$PLUGINS.tmp" && mkdir -p "$PLUGINS.tmp"
    # commons-lang3, commons-text, asm, slf4j-api are already in the server lib/ (newer versions)
    if mvn -B -q -f "$SCRIPT_DIR/neo4j/apoc/pom.xml" dependency:copy-dependencies \
        -Dapoc.version="$APOC_VERSION" -DincludeScope=runtime \
        -DexcludeArtifactIds=commons-lang3,commons-text,asm,slf4j-api \
        -DoutputDirectory="$PLUGINS.tmp" >"$HOME_DIR/fetch-apoc.log" 2>&1; then
      touch "$PLUGINS.tmp/.complete"
      rm -rf "$PLUGINS" && mv "$PLUGINS.tmp" "$PLUGINS"
    else
      say "warning: APOC $APOC_VERSION not fetched (log: $HOME_DIR/fetch-apoc.log); starting without APOC"
      rm -rf "$PLUGINS.tmp"
    fi
  fi
  flock -u 9
}

write_conf() {
  mkdir -p "$INSTANCE"/{conf,data,logs,run,import}
  local plugins_dir="$INSTANCE/plugins"
  [[ -f "$PLUGINS/.complete" ]] && plugins_dir="$PLUGINS"
  cat >"$INSTANCE/conf/neo4j.conf" <<EOF
# Written by scripts/neo4j-local.sh (regenerated on every start): local development server.
server.directories.data=$INSTANCE/data
server.directories.logs=$INSTANCE/logs
server.directories.run=$INSTANCE/run
server.directories.import=$INSTANCE/import
server.directories.plugins=$plugins_dir
server.directories.lib=$DIST/lib

server.default_listen_address=$HOST
server.default_advertised_address=$HOST
server.bolt.enabled=true
server.bolt.listen_address=$HOST:$BOLT_PORT
server.bolt.advertised_address=$HOST:$BOLT_PORT
server.http.enabled=true
server.http.listen_address=$HOST:$HTTP_PORT
server.http.advertised_address=$HOST:$HTTP_PORT
server.https.enabled=false

# Auth stays on (user neo4j, password set on first start); the Browser logs in with it.
dbms.security.auth_enabled=true
dbms.security.procedures.unrestricted=apoc.*
dbms.security.procedures.allowlist=apoc.*

# Small footprint: a shared 2-core box.
server.memory.heap.initial_size=$HEAP
server.memory.heap.max_size=$HEAP
server.memory.pagecache.size=$PAGECACHE
dbms.memory.transaction.total.max=256m
server.threads.worker_count=4
db.tx_log.rotation.retention_policy=1 files
dbms.usage_report.enabled=false
# No usage data from the Browser.
client.allow_telemetry=false
server.logs.gc.enabled=false
EOF
}

init() {
  fetch
  write_conf
  set_initial_password
}

is_running() {
  [[ -f "$PID_FILE" ]] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null
}

bolt_answers() {
  (exec 3<>"/dev/tcp/$HOST/$BOLT_PORT") 2>/dev/null
}

# The password never appears on a command line (visible to every user in `ps`): neo4j-admin reads it
# from an argument file (picocli `@file`, one double-quoted argument), private to us and removed at once.
set_initial_password() {
  [[ -f "$INSTANCE/data/dbms/auth.ini" ]] && return 0
  local argfile="$INSTANCE/run/.initial-password" quoted=${PASSWORD//\\/\\\\}
  quoted=${quoted//\"/\\\"}
  (umask 077 && printf '"%s"\n' "$quoted" >"$argfile")
  NEO4J_HOME="$INSTANCE" NEO4J_CONF="$INSTANCE/conf" "$JAVA" -cp "$DIST/lib/*" org.neo4j.cli.AdminTool \
    dbms set-initial-password "@$argfile" >"$INSTANCE/logs/set-password.log" 2>&1 \
    || { rm -f "$argfile"; cat "$INSTANCE/logs/set-password.log" >&2; die "could not set the initial password"; }
  rm -f "$argfile"
}

start() {
  if is_running; then
    say "already running (pid $(cat "$PID_FILE")), bolt://$HOST:$BOLT_PORT"
    return 0
  fi
  if bolt_answers; then
    die "port $HOST:$BOLT_PORT is already in use by another process; set KG_NEO4J_BOLT_PORT"
  fi
  command -v "$JAVA" >/dev/null || die "java not found: Neo4j 5 needs Java 17 or 21"
  init
  : >"$LOG_FILE"
  local log_offset=0
  [[ -f "$USER_LOG" ]] && log_offset=$(stat -c %s "$USER_LOG")
  # Like the neo4j launcher: plugins/ is on the classpath too (APOC registers its extensions there).
  local classpath="$DIST/lib/*"
  [[ -f "$PLUGINS/.complete" ]] && classpath="$PLUGINS/*:$classpath"
  # Same JVM flags as the neo4j launcher (conf/neo4j.conf server.jvm.additional defaults).
  nohup "$JAVA" -Xms"$HEAP" -Xmx"$HEAP" -XX:+UseG1GC -XX:-OmitStackTraceInFastThrow -XX:+ExitOnOutOfMemoryError \
    -XX:+UnlockExperimentalVMOptions -XX:+TrustFinalNonStaticFields -XX:+DisableExplicitGC \
    -Djdk.nio.maxCachedBufferSize=1024 -Dio.netty.tryReflectionSetAccessible=true \
    -Dlog4j2.disable.jmx=true -Dfile.encoding=UTF-8 \
    --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
    --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
    -cp "$classpath" org.neo4j.server.CommunityEntryPoint \
    --home-dir="$INSTANCE" --config-dir="$INSTANCE/conf" >>"$LOG_FILE" 2>&1 </dev/null &
  echo $! >"$PID_FILE"
  local pid
  pid=$(cat "$PID_FILE")
  local deadline=$((SECONDS + TIMEOUT))
  # (grep without -q reads all its input: no SIGPIPE for tail under pipefail)
  until tail -c +$((log_offset + 1)) "$USER_LOG" 2>/dev/null | grep "Started\.$" >/dev/null && bolt_answers; do
    if ! kill -0 "$pid" 2>/dev/null; then
      { tail -c +$((log_offset + 1)) "$USER_LOG" 2>/dev/null | grep -E "ERROR|Caused by" | tail -5 >&2; } || true
      { grep -E "Exception|Error" "$LOG_FILE" | head -5 | cut -c1-400 >&2; } || true
      rm -f "$PID_FILE"
      die "Neo4j exited during startup (logs: $USER_LOG, $LOG_FILE)"
    fi
    if ((SECONDS > deadline)); then
      tail -20 "$USER_LOG" >&2 || true
      die "Neo4j did not answer on bolt://$HOST:$BOLT_PORT within ${TIMEOUT}s (still running, pid $pid; log: $LOG_FILE)"
    fi
    sleep 1
  done
  say "started (pid $pid): bolt://$HOST:$BOLT_PORT  Browser http://$HOST:$HTTP_PORT/browser/  user neo4j"
}

stop() {
  if ! is_running; then
    rm -f "$PID_FILE"
    say "not running"
    return 0
  fi
  local pid
  pid=$(cat "$PID_FILE")
  kill -TERM "$pid"
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 1
  done
  if kill -0 "$pid" 2>/dev/null; then
    say "did not stop in 60 s, killing pid $pid"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$PID_FILE"
  say "stopped"
}

status() {
  if is_running; then
    echo "running (pid $(cat "$PID_FILE")) bolt://$HOST:$BOLT_PORT http://$HOST:$HTTP_PORT/browser/ instance $INSTANCE"
  else
    echo "stopped (instance $INSTANCE)"
    return 3
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  restart) stop; start ;;
  status) status ;;
  fetch) fetch ;;
  init) init ;;
  env)
    echo "export NEO4J_URI=bolt://$HOST:$BOLT_PORT"
    echo "export NEO4J_USER=neo4j"
    echo "export NEO4J_PASSWORD=$PASSWORD"
    ;;
  *) echo "usage: $0 start|stop|restart|status|fetch|init|env" >&2; exit 2 ;;
esac
