#!/usr/bin/env bash
# The PostgreSQL half of `npm test`: the store contract, the fault tests and the several-process
# tests (test/server/*.pg.test.ts) on a throwaway cluster of Debian's PostgreSQL (pg_virtualenv,
# in a temp folder even as root, fsync on: the fault tests are about durability). Extra arguments
# go to vitest (npm run test:pg -- test/server/store-contract.pg.test.ts).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v pg_virtualenv >/dev/null 2>&1; then
  echo "test: PostgreSQL is not installed (pg_virtualenv missing). Run: bash test/system-deps.sh (as root), or apt-get install -y postgresql" >&2
  exit 1
fi
# A port of its own, so a cluster already on 5432 (or another run) is no obstacle.
port="$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
exec pg_virtualenv -t -c "-p $port" -o fsync=on -o max_connections=200 -- env XHT_PG=1 npx vitest run "$@"
