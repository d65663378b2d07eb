#!/usr/bin/env bash
# The site-build benchmark (docs/benchmarks.md): negotiateup build against Hugo on
# the same Markdown guides, in one run, on this machine.
#   bash bench/build_bench.sh [GUIDES_FOR_HUGO]    (default 20000)
set -euo pipefail
cd "$(dirname "$0")/.."
hugo_guides=${1:-20000}
work=build/bench-site
bash scripts/install-deps.sh
command -v hugo >/dev/null || { apt-get install -y -qq hugo >/dev/null || sudo apt-get install -y -qq hugo >/dev/null; }
command -v /usr/bin/time >/dev/null || { apt-get install -y -qq time >/dev/null || sudo apt-get install -y -qq time >/dev/null; }
cmake --preset release >/dev/null && cmake --build --preset release >/dev/null
bin=build/release/bin/negotiateup
make_catalog=build/release/bench/negotiateup-bench-catalog
# This machine's ext4 runs without a journal, and such an ext4 skips the inodes
# freed in the last minute (six while their inode table blocks are being written)
# when it creates files: a build right after deleting the last run's 400,000 files
# takes several times the system time, for reasons that are not the program's. So
# the last run is only moved aside here, and deleted once everything is measured;
# leave six minutes between two runs.
trash="$work.old.$$"
[ -e "$work" ] && mv "$work" "$trash"
mkdir -p "$work"

# Runs a command, prints "seconds peak_MiB" for it. The last step's files are
# flushed first (not timed): 3 GB of dirty pages from the 100,000-guide site would
# otherwise be written back by the kernel during whichever step came next.
measure() {
  sync
  /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" >"$work/last-output.txt"
  awk '{ printf "%s %.0f\n", $1, $2 / 1024 }' "$work/time.txt"
}

echo "== 100,000 guides: 2,000 companies x 50 roles x 5 regions (+ a geo-rule region)"
$make_catalog --companies 2000 --roles 50 --regions 5 --seed 42 --out "$work/catalog" >/dev/null
read -r full_s full_mb < <(measure $bin build --catalog "$work/catalog" --out "$work/site" --today 2026-11-22)
read -r noop_s noop_mb < <(measure $bin build --catalog "$work/catalog" --out "$work/site" --today 2026-11-22)
# One band's high grows: that guide and the guides that quote it as a peer change.
# Five edits of five guides, one rebuild after each; their median is reported (a
# single rebuild of a quarter of a second swings by a fifth from run to run).
one_runs=()
for band in company-7/role-3 company-1999/role-49 company-500/role-0 company-1234/role-25 company-42/role-7; do
  sed -i '0,/base: \[[0-9]*, /s/base: \[\([0-9]*\), /base: [\1, 9/' "$work/catalog/guides/$band.yaml"
  read -r s _ < <(measure $bin build --catalog "$work/catalog" --out "$work/site" --today 2026-11-22)
  one_runs+=("$s")
  sed "s|^|   after $band changed ($s s): |" "$work/last-output.txt"
done
one_s=$(printf '%s\n' "${one_runs[@]}" | sort -n | sed -n 3p)  # the median

echo "== the same Markdown, ${hugo_guides} guides, negotiateup and Hugo side by side"
companies=$(( hugo_guides / 50 ))
$make_catalog --companies "$companies" --roles 50 --regions 5 --seed 42 --out "$work/catalog-small" >/dev/null
small_runs=() small_mb=0
read -r s mb < <(measure $bin build --catalog "$work/catalog-small" --out "$work/site-small" --today 2026-11-22)
small_runs+=("$s"); small_mb=$mb
# The same 60,000 files written again by the build's own writing code, with
# nothing read or rendered: the file system's share of the build above.
sync
floor_s=$(build/release/bench/negotiateup-bench-write-floor --site "$work/site-small" --out "$work/floor-small" |
  sed -n 's/.* in \([0-9.]*\) s$/\1/p')
hugo_site="$work/hugo"
mkdir -p "$hugo_site/content" "$hugo_site/layouts/_default"
# Only the Markdown is copied: deleting the HTML and JSON here would slow Hugo's
# file creation (see above).
(cd "$work/site-small" && find guides -name '*.md' -print0 | tar --null -T - -cf -) |
  tar -xf - -C "$hugo_site/content"
cat > "$hugo_site/config.toml" <<'TOML'
baseURL = "http://localhost/"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
TOML
printf '<!doctype html><html><body>{{ .Content }}</body></html>\n' > "$hugo_site/layouts/_default/single.html"
printf '<!doctype html><html><body><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></body></html>\n' > "$hugo_site/layouts/_default/list.html"
# Three runs of each, alternated, each into a new folder; the medians are compared
# (Hugo's own time moved by a tenth from one run of this script to the next).
hugo_runs=() hugo_mb=0
for run in 1 2 3; do
  if [ "$run" -gt 1 ]; then
    read -r s mb < <(measure $bin build --catalog "$work/catalog-small" --out "$work/site-small-$run" --today 2026-11-22)
    small_runs+=("$s"); [ "$mb" -gt "$small_mb" ] && small_mb=$mb
  fi
  read -r s mb < <(measure hugo --source "$hugo_site" --destination "public-$run" --quiet)
  hugo_runs+=("$s"); [ "$mb" -gt "$hugo_mb" ] && hugo_mb=$mb
done
median() { printf '%s\n' "$@" | sort -n | sed -n "$(( ($# + 1) / 2 ))p"; }
small_s=$(median "${small_runs[@]}")
hugo_s=$(median "${hugo_runs[@]}")

echo "== 100,000 guides again, after a template edit"
# Last: rewriting every file in place frees the old files' inodes (see above).
# A template edit reaches every guide's text: each guide's Markdown and HTML are
# replaced by write-then-rename (its JSON holds no prose and is left alone).
cp -r templates "$work/templates"
sed -i 's/^\*\*Evidence & Sources\*\*$/&\n\n- Checked by the content team/' \
  "$work/templates/guide/sources.mustache"
read -r every_s every_mb < <(measure $bin build --catalog "$work/catalog" --out "$work/site" --today 2026-11-22 --templates "$work/templates")
sed 's/^/   /' "$work/last-output.txt"

awk -v full="$full_s" -v fullmb="$full_mb" -v noop="$noop_s" -v one="$one_s" -v every="$every_s" \
    -v small="$small_s" -v smallmb="$small_mb" -v floor="$floor_s" -v ones="${one_runs[*]}" -v hugo="$hugo_s" -v hugomb="$hugo_mb" -v smalls="${small_runs[*]}" -v hugos="${hugo_runs[*]}" -v n="$hugo_guides" 'BEGIN {
  printf "%-44s %10s %12s %10s\n", "run", "seconds", "guides/s", "peak MiB"
  printf "%-44s %10.2f %12.0f %10d\n", "negotiateup build, 100,000 guides (md+html+json)", full, 100000 / full, fullmb
  printf "%-44s %10.2f %12s %10s\n", "  rebuild, nothing changed", noop, "-", "-"
  printf "%-44s %10.2f %12s %10s\n", "  rebuild after one band changed (median of 5)", one, "-", "-"
  printf "%-44s %10.2f %12.0f %10s\n", "  rebuild after a template changed (all)", every, 100000 / every, "-"
  printf "%-44s %10.2f %12.0f %10d\n", sprintf("negotiateup build, %d guides (median of 3)", n), small, n / small, smallmb
  printf "%-44s %10.2f %12.0f %10s\n", sprintf("  writing its %d files alone", 3 * n), floor, n / floor, "-"
  printf "%-44s %10.2f %12.0f %10d\n", sprintf("hugo, the same %d Markdown guides (median of 3)", n), hugo, n / hugo, hugomb
  printf "ratio guides/s negotiateup / hugo (same guides, medians): %.1fx (negotiateup %s; hugo %s)\n", hugo / small, smalls, hugos
  printf "the same, were reading and rendering free (hugo / writing alone): %.1fx\n", hugo / floor
  printf "rebuild after one band change / full build: %.1f%% (median of 5: %s)\n", 100 * one / full, ones
}'
if [ -e "$trash" ]; then
  rm -rf "$trash"
  echo "(the last run's files are deleted now: wait six minutes before the next run)"
fi
