#!/usr/bin/env bash
# HTTP benchmark: builds three servers in release mode (OmniHTTP, bare SwiftNIO, Hummingbird 2),
# starts each on loopback in turn, runs wrk against GET /plaintext and GET /json with identical
# settings after a warm-up, and prints req/s and the ratios omni/NIO and omni/Hummingbird.
#
#   scripts/bench/http/run.sh                 # defaults: -t2 -c64 -d10s, 3s warm-up
#   DURATION=30s CONNECTIONS=128 scripts/bench/http/run.sh
#
# Traffic goes to 127.0.0.1 only. Not part of the test suite.
set -euo pipefail
cd "$(dirname "$0")"

THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
DURATION=${DURATION:-10s}
WARMUP=${WARMUP:-3s}
ROUTES=${ROUTES:-"plaintext json"}

if ! command -v wrk >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then
        apt-get install -y wrk >/dev/null
    else
        echo "wrk is missing: sudo apt-get install wrk" >&2
        exit 2
    fi
fi

echo "building servers (release)..."
swift build -c release >/dev/null
BIN=$(swift build -c release --show-bin-path)

declare -A RPS
SERVERS="omni nio hummingbird"
PID=""

cleanup() {
    if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then
        kill -TERM "$PID" 2>/dev/null || true
        wait "$PID" 2>/dev/null || true
    fi
}
trap cleanup EXIT

wait_for_port() {
    local port=$1
    for _ in $(seq 1 100); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
        sleep 0.1
    done
    echo "server on port $port did not start" >&2
    return 1
}

port=18081
for server in $SERVERS; do
    "$BIN/$server-bench-server" "$port" >/dev/null 2>&1 &
    PID=$!
    wait_for_port "$port"
    for route in $ROUTES; do
        url="http://127.0.0.1:$port/$route"
        curl_out=$( (exec 3<>"/dev/tcp/127.0.0.1/$port"; printf 'GET /%s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n' "$route" >&3; cat <&3) | tail -c 40)
        echo "$server /$route -> ${curl_out//$'\r'/}"
        wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$url" >/dev/null
        out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$url")
        rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
        errors=$(echo "$out" | awk '/Non-2xx|Socket errors/ {print}')
        [ -n "$errors" ] && echo "  warning: $errors"
        RPS[$server,$route]=$rps
    done
    kill -TERM "$PID" 2>/dev/null || true
    wait "$PID" 2>/dev/null || true
    PID=""
    port=$((port + 1))
done

echo
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION (warm-up $WARMUP), loopback, $(nproc) cores"
printf '%-12s %14s %14s %14s %10s %10s\n' route omni nio hummingbird omni/nio omni/hb
for route in $ROUTES; do
    o=${RPS[omni,$route]}; n=${RPS[nio,$route]}; h=${RPS[hummingbird,$route]}
    printf '%-12s %14s %14s %14s %10s %10s\n' "/$route" "$o" "$n" "$h" \
        "$(awk -v a="$o" -v b="$n" 'BEGIN { printf "%.2fx", a / b }')" \
        "$(awk -v a="$o" -v b="$h" 'BEGIN { printf "%.2fx", a / b }')"
done
