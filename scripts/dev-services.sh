#!/usr/bin/env bash
# Starts Azurite (storage) and maildev (SMTP + web inbox) from the pinned npm lockfile, with data under
# .local/ (git-ignored). Source it: it exports where they listen and stops them when the shell exits.
#   AZURITE_BLOB_PORT / AZURITE_QUEUE_PORT / AZURITE_TABLE_PORT   (default 10000 / 10001 / 10002)
#   MAILDEV_SMTP_PORT / MAILDEV_WEB_PORT                           (default 1025 / 1080)
#   OIDC_PORT  the local OpenID Connect provider for the signing page (default 5090; scripts/dev-oidc)
#   DEV_SERVICES_IN_MEMORY=1   keep storage in memory (tests)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if [ ! -x "$root/node_modules/.bin/azurite" ] || [ ! -x "$root/node_modules/.bin/maildev" ] || [ ! -d "$root/node_modules/oidc-provider" ]; then
  echo "Installing azurite, maildev and oidc-provider from package-lock.json ..." >&2
  (cd "$root" && npm ci --no-audit --no-fund --loglevel=error)
fi

: "${AZURITE_BLOB_PORT:=10000}" "${AZURITE_QUEUE_PORT:=10001}" "${AZURITE_TABLE_PORT:=10002}"
: "${MAILDEV_SMTP_PORT:=1025}" "${MAILDEV_WEB_PORT:=1080}" "${OIDC_PORT:=5090}"
mkdir -p "$root/.local/azurite" "$root/.local/logs"

storage_flags=(--location "$root/.local/azurite")
[ "${DEV_SERVICES_IN_MEMORY:-0}" = "1" ] && storage_flags=(--inMemoryPersistence)

wait_port() { # host port name
  for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null && return 0; sleep 0.2; done
  echo "$3 did not start on $1:$2 (see .local/logs)" >&2; return 1
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in "$AZURITE_BLOB_PORT" "$AZURITE_QUEUE_PORT" "$AZURITE_TABLE_PORT" "$MAILDEV_SMTP_PORT" "$MAILDEV_WEB_PORT" "$OIDC_PORT"; do
  # Never run against a stranger left on the port (an old Azurite would hold stale data).
  port_free "$port" || { echo "Port $port on 127.0.0.1 is in use: stop what listens there, or set AZURITE_*_PORT / MAILDEV_*_PORT." >&2; return 1 2>/dev/null || exit 1; }
done

"$root/node_modules/.bin/azurite" --silent --skipApiVersionCheck --loose "${storage_flags[@]}" \
  --blobHost 127.0.0.1 --blobPort "$AZURITE_BLOB_PORT" \
  --queueHost 127.0.0.1 --queuePort "$AZURITE_QUEUE_PORT" \
  --tableHost 127.0.0.1 --tablePort "$AZURITE_TABLE_PORT" \
  >"$root/.local/logs/azurite.log" 2>&1 &
DEV_SERVICES_PIDS="$!"
"$root/node_modules/.bin/maildev" --ip 127.0.0.1 --smtp "$MAILDEV_SMTP_PORT" --web "$MAILDEV_WEB_PORT" \
  >"$root/.local/logs/maildev.log" 2>&1 &
DEV_SERVICES_PIDS="$DEV_SERVICES_PIDS $!"
OIDC_PORT="$OIDC_PORT" node "$root/scripts/dev-oidc/provider.mjs" >"$root/.local/logs/oidc.log" 2>&1 &
DEV_SERVICES_PIDS="$DEV_SERVICES_PIDS $!"
stop_dev_services() {
  kill $DEV_SERVICES_PIDS 2>/dev/null || true
  # Azurite closes its servers gracefully on TERM; wait for that (the ports are free after), then insist.
  local pid alive
  for _ in $(seq 1 50); do
    alive=""
    for pid in $DEV_SERVICES_PIDS; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ -z "$alive" ] && return 0
    sleep 0.2
  done
  kill -9 $DEV_SERVICES_PIDS 2>/dev/null || true
}
trap stop_dev_services EXIT

wait_port 127.0.0.1 "$AZURITE_TABLE_PORT" Azurite
wait_port 127.0.0.1 "$AZURITE_BLOB_PORT" Azurite
wait_port 127.0.0.1 "$MAILDEV_SMTP_PORT" maildev
wait_port 127.0.0.1 "$MAILDEV_WEB_PORT" maildev
wait_port 127.0.0.1 "$OIDC_PORT" oidc-provider

key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
export REFERRALS_TEST_STORAGE="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$AZURITE_BLOB_PORT/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$AZURITE_QUEUE_PORT/devstoreaccount1;TableEndpoint=http://127.0.0.1:$AZURITE_TABLE_PORT/devstoreaccount1;"
export REFERRALS_TEST_SMTP_PORT="$MAILDEV_SMTP_PORT"
export REFERRALS_TEST_MAILDEV_URL="http://127.0.0.1:$MAILDEV_WEB_PORT"
export REFERRALS_TEST_OIDC_URL="http://127.0.0.1:$OIDC_PORT"
