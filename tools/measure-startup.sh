#!/usr/bin/env bash
# Start-up measurement of docs/performance.md §6 (P6). Usage, from anywhere:
#   tools/measure-startup.sh <clone> <port> <label> bin/run -o
# Runs the command in <clone> with PORT=<port>, prints the seconds until GET /login answers 200, then (SETTLE seconds
# later, default 15) the RSS of the application's JVM (the process listening on the port) and of the local
# Elasticsearch (pid from its pid file under <clone>/data/elasticsearch or /var/tmp/healthcard-elasticsearch), and the
# load average; then stops the command. Delete <clone>/data first to measure a first start.
set -u
dir=$1; port=$2; label=$3; shift 3
cd "$dir"
log=/tmp/measure-$label.log
stamp=$(mktemp)
start=$(date +%s.%N)
PORT=$port setsid "$@" > "$log" 2>&1 &
pid=$!
code=000
while [ "$code" != 200 ]; do
  sleep 0.2
  code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/login" || true)
  kill -0 $pid 2>/dev/null || { echo "$label: the command ended"; tail -30 "$log"; exit 1; }
  [ "$code" = 500 ] && { echo "$label: /login answered 500 (see $log)"; break; }
done
end=$(date +%s.%N)
apppid=$(ss -ltnp "sport = :$port" | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
sleep "${SETTLE:-15}"
apprss=$(ps -o rss= -p "$apppid")
pidfile=$(find "$dir/data/elasticsearch" /var/tmp/healthcard-elasticsearch -name elasticsearch.pid -newer "$stamp" \
  2>/dev/null | head -1)
espid=$( [ -n "$pidfile" ] && cat "$pidfile")
esrss=$( [ -n "$espid" ] && ps -o rss= -p "$espid")
echo "$label: login page after $(echo "$end - $start" | bc) s; app pid $apppid RSS $((apprss / 1024)) MB;" \
  "Elasticsearch pid ${espid:-?} RSS $(( ${esrss:-0} / 1024 )) MB (${SETTLE:-15} s later); load $(cut -d' ' -f1-3 /proc/loadavg)"
grep -m1 "Started .* in" "$log"
kill -TERM -$pid 2>/dev/null
for _ in $(seq 1 60); do kill -0 $pid 2>/dev/null || break; sleep 1; done
[ -n "$espid" ] && for _ in $(seq 1 60); do kill -0 "$espid" 2>/dev/null || break; sleep 1; done
rm -f "$stamp"
exit 0
