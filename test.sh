#!/usr/bin/env bash
# Runs every test of the solution and ends with "N passed, N failed", numbers read from the
# test results (TRX). Safe to run on a fresh machine: it installs the npm test dependencies (dynalite, s3rver)
# locally and, when missing, Debian's Chromium for the browser tests and nginx for the cluster tests.
set -uo pipefail
cd "$(dirname "$0")"

# The DynamoDB session store tests run against dynalite, a local DynamoDB-API server from npm.
if ! command -v npm >/dev/null 2>&1; then
  echo "npm (node 20 or later) is required: the DynamoDB session store tests run dynalite"
  exit 1
fi
if ! (cd tests/dynalite && npm ci --no-audit --no-fund --loglevel=error); then
  echo "npm ci in tests/dynalite failed"
  exit 1
fi
# The media tests read uploads from s3rver, a local S3-API server from npm.
if ! (cd tests/s3rver && npm ci --no-audit --no-fund --loglevel=error); then
  echo "npm ci in tests/s3rver failed"
  exit 1
fi

# install_missing BINARY PACKAGE PURPOSE: Debian's package through apt-get when run as root, else a clear message.
install_missing() {
  [ -x "$1" ] && return 0
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "installing $2 for the $3"
    local log
    log=$(mktemp)
    if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$2"; } >"$log" 2>&1; then
      cat "$log"
      echo "could not install $2; the $3 will fail"
    fi
    rm -f "$log"
  else
    echo "$1 is missing; install Debian's $2 package as root, or the $3 will fail"
  fi
}

# The browser tests drive the system Chromium (Playwright's own browser download can't work on
# these machines). Set CHROMIUM_PATH to use another one.
install_missing "${CHROMIUM_PATH:-/usr/bin/chromium}" chromium "browser tests"

# The cluster tests put Debian's nginx in front of several instances, as the load balancer (the
# tests run their own nginx processes, never the system service). Set NGINX_PATH to use another one.
install_missing "${NGINX_PATH:-/usr/sbin/nginx}" nginx "cluster tests"
if [ ! -x "${NGINX_PATH:-/usr/sbin/nginx}" ]; then
  echo "nginx (${NGINX_PATH:-/usr/sbin/nginx}) is required: the cluster tests run it as the load balancer. Install Debian's nginx package (apt-get install nginx, as root) or set NGINX_PATH"
  exit 1
fi

results="$(pwd)/TestResults"
rm -rf "$results"
dotnet test TalknShop.slnx -c Release --logger "trx;LogFileName=tests.trx" --results-directory "$results" "$@"
status=$?

trx="$results/tests.trx"
if [ ! -f "$trx" ]; then
  echo "no test results were written (build failure?)"
  exit 1
fi
counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
passed=$(sed -E 's/.* passed="([0-9]+)".*/\1/' <<<"$counters")
failed=$(sed -E 's/.* failed="([0-9]+)".*/\1/' <<<"$counters")
executed=$(sed -E 's/.* executed="([0-9]+)".*/\1/' <<<"$counters")
total=$(sed -E 's/.* total="([0-9]+)".*/\1/' <<<"$counters")
echo "tests: $passed passed, $failed failed"
if [ "$executed" = "0" ] || [ "$executed" != "$total" ]; then
  echo "expected every test to run ($executed of $total ran)"
  exit 1
fi
exit $status
