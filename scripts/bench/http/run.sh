#!/usr/bin/env bash
# HTTP benchmark: builds three servers in release mode (OmniHTTP, bare SwiftNIO, Hummingbird 2),
# starts each on loopback in turn, runs wrk against GET /plaintext and GET /json with identical
# settings after a warm-up, and prints req/s and the ratios omni/NIO and omni/Hummingbird.
# The machine is shared and noisy: the whole sequence runs ROUNDS times (servers alternate)
# and the median of the rounds is reported, with every round's figure beside it. Besides req/s
# it reports each server's CPU time per request (from /proc), which other load disturbs less.
#
#   scripts/bench/http/run.sh                 # defaults: -t2 -c64 -d10s, 3s warm-up, 3 rounds
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
ROUNDS=${ROUNDS:-3}

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
declare -A CPU
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

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

for round in $(seq 1 "$ROUNDS"); do
    port=18081
    for server in $SERVERS; do
        "$BIN/$server-bench-server" "$port" >/dev/null 2>&1 &
        PID=$!
        wait_for_port "$port"
        for route in $ROUTES; do
            url="http://127.0.0.1:$port/$route"
            if [ "$round" = 1 ]; then
                body=$( (exec 3<>"/dev/tcp/127.0.0.1/$port"; printf 'GET /%s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n' "$route" >&3; cat <&3) | tail -n 1)
                echo "$server GET /$route -> $body"
            fi
            wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$url" >/dev/null
            t0=$(awk '{ print $14 + $15 }' "/proc/$PID/stat")
            out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" "$url")
            t1=$(awk '{ print $14 + $15 }' "/proc/$PID/stat")
            rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
            requests=$(echo "$out" | awk '/requests in/ {print $1}')
            cpu=$(awk -v a="$t0" -v b="$t1" -v r="$requests" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", (b - a) / hz * 1e6 / r }')
            CPU[$server,$route]="${CPU[$server,$route]:-} $cpu"
            errors=$(echo "$out" | awk '/Non-2xx|Socket errors/ {print}')
            [ -n "$errors" ] && echo "  warning ($server /$route): $errors"
            RPS[$server,$route]="${RPS[$server,$route]:-} $rps"
        done
        kill -TERM "$PID" 2>/dev/null || true
        wait "$PID" 2>/dev/null || true
        PID=""
        port=$((port + 1))
    done
    echo "round $round done"
done

echo
echo "wrk -t$THREADS -c$CONNECTIONS -d$DURATION (warm-up $WARMUP), loopback, $(nproc) cores, median of $ROUNDS rounds (req/s)"
printf '%-12s %12s %12s %12s %10s %10s\n' route omni nio hummingbird omni/nio omni/hb
for route in $ROUTES; do
    o=$(echo "${RPS[omni,$route]}" | median); n=$(echo "${RPS[nio,$route]}" | median); h=$(echo "${RPS[hummingbird,$route]}" | median)
    printf '%-12s %12s %12s %12s %10s %10s\n' "/$route" "$o" "$n" "$h" \
        "$(awk -v a="$o" -v b="$n" 'BEGIN { printf "%.2fx", a / b }')" \
        "$(awk -v a="$o" -v b="$h" 'BEGIN { printf "%.2fx", a / b }')"
done
echo
echo "server CPU time per request (user+sys of the server process, microseconds; lower is better;"
echo "steadier than req/s on a shared machine), median of $ROUNDS rounds"
printf '%-12s %12s %12s %12s %10s %10s\n' route omni nio hummingbird nio/omni hb/omni
for route in $ROUTES; do
    o=$(echo "${CPU[omni,$route]}" | median); n=$(echo "${CPU[nio,$route]}" | median); h=$(echo "${CPU[hummingbird,$route]}" | median)
    printf '%-12s %12s %12s %12s %10s %10s\n' "/$route" "$o" "$n" "$h" \
        "$(awk -v a="$n" -v b="$o" 'BEGIN { printf "%.2fx", a / b }')" \
        "$(awk -v a="$h" -v b="$o" 'BEGIN { printf "%.2fx", a / b }')"
done
echo
echo "every round (req/s | CPU us/request):"
for route in $ROUTES; do
    for server in $SERVERS; do
        printf '  %-12s %-12s %s |%s\n' "/$route" "$server" "${RPS[$server,$route]}" "${CPU[$server,$route]}"
    done
done
echo "load average during the run: $(cut -d' ' -f1-3 /proc/loadavg)"
