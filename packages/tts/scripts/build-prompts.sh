#!/usr/bin/env bash
# Regenerates the IVR prompts (8 kHz mono µ-law WAV) from prompts/prompts.json with espeak-ng
# and sox. The WAVs are committed, so running the gateway does not need either tool.
# Needs: espeak-ng, sox (Debian packages), node (to read the JSON).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
dir="$here/prompts"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
for tool in espeak-ng sox node; do
  command -v "$tool" >/dev/null || { echo "build-prompts: $tool is required" >&2; exit 1; }
done
node -e 'const p=require(process.argv[1]); for (const [k,v] of Object.entries(p)) console.log(k+"\t"+v)' \
  "$dir/prompts.json" | while IFS=$'\t' read -r name text; do
  espeak-ng -v en-us -s 150 -w "$tmp/$name.wav" "$text"
  # Band-limit for the phone, normalize to -3 dBFS, 8 kHz mono mu-law.
  sox "$tmp/$name.wav" -r 8000 -c 1 -e mu-law -t wav "$dir/$name.wav" sinc 300-3400 norm -3
  echo "prompt $name: $(soxi -D "$dir/$name.wav")s"
done
