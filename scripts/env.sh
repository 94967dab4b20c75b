# Shared environment for the start, test and setup scripts. Source it; don't run it.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT
export NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
export PATH="$ROOT/node_modules/.bin:$PATH"
# Prisma with a config file does not read .env: the scripts export DATABASE_URL.
export DATABASE_URL="${DATABASE_URL:-file:$ROOT/data/switchboard.db}"
export SWITCHBOARD_CACHE="${SWITCHBOARD_CACHE:-$HOME/.cache/switchboard}"
log() { printf '\033[1;34m[switchboard]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[switchboard] %s\033[0m\n' "$*" >&2; exit 1; }
# Root secret shared by web and SFU (join tokens, SFU control API). Generated once per
# checkout by setup.sh into data/.secret unless set in the environment.
if [[ -z "${SWITCHBOARD_SECRET:-}" && -f "$ROOT/data/.secret" ]]; then
  SWITCHBOARD_SECRET="$(cat "$ROOT/data/.secret")"
  export SWITCHBOARD_SECRET
fi
