#!/usr/bin/env bash
# Runs the multi-instance topology on this machine: N orchestrator instances (processes) on one
# dynalite table, with Debian's nginx in front (round robin, WebSocket upgrade), using the shipped
# deploy/nginx/nginx.conf with local upstreams. Ctrl-C stops everything.
#   scripts/cluster.sh [N=3] [PORT=8080]     then open http://127.0.0.1:PORT/
# Needs: a Release build (dotnet build -c Release), node with tests/dynalite installed (npm ci), nginx.
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-3}"
port="${2:-8080}"
nginx="${NGINX_PATH:-/usr/sbin/nginx}"
dll="src/TalknShop.Orchestrator/bin/Release/net10.0/TalknShop.Orchestrator.dll"

[ -x "$nginx" ] || { echo "nginx is missing ($nginx): install Debian's nginx package, or set NGINX_PATH"; exit 1; }
[ -f "$dll" ] || { echo "$dll is missing: run dotnet build -c Release first"; exit 1; }
[ -d tests/dynalite/node_modules/dynalite ] || { echo "dynalite is missing: run npm ci in tests/dynalite"; exit 1; }

work=$(mktemp -d /tmp/talknshop-cluster.XXXXXX)
chmod 755 "$work"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for() { # url
  for _ in $(seq 1 300); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.1; done
  echo "$1 did not answer"; exit 1
}

dynamo_port=$(free_port)
(cd tests/dynalite && exec node server.js --host 127.0.0.1 --port "$dynamo_port" --createTableMs 0) >"$work/dynalite.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$dynamo_port") 2>/dev/null && break; sleep 0.1; done

upstreams=""
for i in $(seq 1 "$n"); do
  p=$(free_port)
  mkdir -p "$work/data$i"
  SESSION_STORE=dynamodb DYNAMODB_ENDPOINT="http://127.0.0.1:$dynamo_port" DYNAMODB_TABLE_NAME=cluster \
    DYNAMODB_CREATE_TABLE=true AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_REGION=us-west-2 \
    DATA_DIR="$work/data$i" ALLOWED_ORIGINS="http://127.0.0.1:$port,http://localhost:$port" \
    dotnet "$dll" --urls "http://127.0.0.1:$p" >"$work/instance$i.log" 2>&1 &
  pids+=($!)
  wait_for "http://127.0.0.1:$p/alive"
  echo "instance $i: http://127.0.0.1:$p (pid ${pids[-1]}, log $work/instance$i.log)"
  upstreams+="        server 127.0.0.1:$p;\n"
done

mkdir -p "$work/nginx/temp"
{
  echo "pid $work/nginx/nginx.pid;"
  echo "worker_processes 1;"
  sed -e "/upstream orchestrator {/,/}/c\\    upstream orchestrator {\n${upstreams}    }" \
      -e "s/listen [0-9]*;/listen 127.0.0.1:$port;/" \
      -e "s|^http {|http {\n    access_log off;\n    client_body_temp_path $work/nginx/temp/client_body;\n    proxy_temp_path $work/nginx/temp/proxy;\n    fastcgi_temp_path $work/nginx/temp/fastcgi;\n    uwsgi_temp_path $work/nginx/temp/uwsgi;\n    scgi_temp_path $work/nginx/temp/scgi;|" \
      deploy/nginx/nginx.conf
} >"$work/nginx/nginx.conf"
"$nginx" -p "$work/nginx" -c "$work/nginx/nginx.conf" -e "$work/nginx/error.log" -g "daemon off;" &
pids+=($!)
wait_for "http://127.0.0.1:$port/alive"
echo "nginx: http://127.0.0.1:$port/  (ws://127.0.0.1:$port/ws/chat), dynalite http://127.0.0.1:$dynamo_port; Ctrl-C stops"
wait
