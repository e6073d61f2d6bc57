# Shared by the shard tests (sourced after lib.sh): xapian-tcpsrv servers on 127.0.0.1.
#
# A xapian-tcpsrv that gets SIGTERM signals its whole process group, so each one starts in a
# session (and group) of its own with setsid, and is stopped through that group only; one in
# our group would take the test runner down with it.
server_pids=()

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start_server DB: serves DB on a free port; sets $port and appends the pid to server_pids.
start_server() {
    local db="$1" tries
    command -v xapian-tcpsrv >/dev/null || fail "xapian-tcpsrv not found (apt-get install xapian-tools)"
    for tries in 1 2 3; do
        port="$(free_port)"
        setsid xapian-tcpsrv --interface 127.0.0.1 --port "$port" "$db" \
            >"$work/tcpsrv-$port.log" 2>&1 </dev/null &
        local pid=$!
        if python3 - "$port" <<'PY'
import socket, sys, time
for _ in range(100):
    try:
        socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=0.2).close()
        sys.exit(0)
    except OSError:
        time.sleep(0.05)
sys.exit(1)
PY
        then
            server_pids+=("$pid")
            return 0
        fi
        kill -TERM -- "-$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    fail "xapian-tcpsrv did not start for $db: $(cat "$work/tcpsrv-$port.log")"
}

# stop_server PID: stops one server (its own process group) and reaps it.
stop_server() {
    kill -TERM -- "-$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
}

stop_servers() {
    local pid
    for pid in "${server_pids[@]}"; do
        stop_server "$pid"
    done
    server_pids=()
}

trap 'stop_servers; rm -rf "$work"' EXIT

# serve_shards DIR STUB: one server per DIR/*.db; writes STUB listing them as remote shards
# ("remote HOST:PORT", Xapian's stub syntax) and sets shard_ports[name]=port.
declare -A shard_ports
declare -A shard_pids
serve_shards() {
    local dir="$1" stub="$2" db name
    : >"$stub"
    for db in "$dir"/*.db; do
        name="$(basename "$db")"
        start_server "$db"
        shard_ports[$name]="$port"
        shard_pids[$name]="${server_pids[-1]}"
        echo "remote 127.0.0.1:$port" >>"$stub"
    done
}

