#!/usr/bin/env bash
# Installs negotiateup under a fresh prefix and uses it as a user would: from
# PREFIX/bin, with the demo catalog, templates and profiles it finds in
# PREFIX/share/negotiateup, from another folder than the sources.
set -euo pipefail
build_dir=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cmake --install "$build_dir" --prefix "$work/prefix" >/dev/null
for data in catalog/policy.yaml templates/guide/title.mustache profiles/levels-fyi.yaml; do
  [ -f "$work/prefix/share/negotiateup/$data" ] || { echo "not installed: $data"; exit 1; }
done
[ ! -L "$work/prefix/share/negotiateup/catalog" ] || { echo "catalog installed as a link"; exit 1; }

cd "$work"
"$work/prefix/bin/negotiateup" --version
"$work/prefix/bin/negotiateup" build --out site --today 2026-01-15 >/dev/null
[ -f site/guides/hugging-face/senior-software-engineer.html ] || { echo "no guide built"; exit 1; }
echo '{"company": "hugging-face", "role": "senior-software-engineer", "region": "Paris",
       "offer": {"currency": "EUR", "base": 95000}}' >offer.json
"$work/prefix/bin/negotiateup" offer offer.json --paths 1000 >/dev/null
# aggregate writes into a catalog only when it is named.
if "$work/prefix/bin/negotiateup" aggregate --dry-run 2>err.txt; then
  echo "aggregate ran without --catalog"; exit 1
fi
grep -q -- "--catalog is required" err.txt || { cat err.txt; exit 1; }
echo "installed layout: ok"
