#!/bin/sh
# Makes docs/img/follow.txt and follow.png: `logtally report --follow` in a tmux pane while a
# generated IIS log grows, captured with `tmux capture-pane` and drawn with ImageMagick.
# Needs tmux, rsvg-convert and a monospace font (apt-get install -y tmux librsvg2-bin
# fonts-dejavu-core) and a build (npm run build).
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'tmux kill-session -t logtally-follow 2>/dev/null || true; rm -rf "$work"' EXIT
mkdir "$work/W3SVC1"
node "$root/bench/gen-logs.mjs" --format w3c --lines 6000 --seed 5 > "$work/day.log"
head -n 1004 "$work/day.log" > "$work/W3SVC1/u_ex261001.log"
tmux new-session -d -s logtally-follow -x 110 -y 52 \
  "cd '$work' && TZ=UTC node '$root/dist/bundle/src/cli/main.js' report W3SVC1 --follow --refresh 1s --top 6; sleep 30"
# The server goes on writing: 250 requests every half second.
line=1005
while [ "$line" -le 6000 ]; do
  sed -n "${line},$((line + 249))p" "$work/day.log" >> "$work/W3SVC1/u_ex261001.log"
  line=$((line + 250))
  sleep 0.5
done
sleep 1.5
# Command substitution drops the pane's empty rows below the report.
screen=$(tmux capture-pane -p -t logtally-follow)
printf '%s\n' "$screen" > "$root/docs/img/follow.txt"
# The captured text as an SVG of one <text> per line, drawn to PNG.
node --input-type=module -e '
import { readFileSync, writeFileSync } from "node:fs";
const [input, output] = process.argv.slice(1);
const lines = readFileSync(input, "utf8").replace(/\n+$/, "").split("\n");
const escape = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const charWidth = 8.43, lineHeight = 16.4, pad = 16;
const width = Math.ceil(Math.max(...lines.map((l) => [...l].length)) * charWidth + 2 * pad);
const height = Math.ceil(lines.length * lineHeight + 2 * pad);
const text = lines.map((l, i) => `<text x="${pad}" y="${(pad + (i + 0.8) * lineHeight).toFixed(1)}" xml:space="preserve">${escape(l)}</text>`);
writeFileSync(output, `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#1e1e1e"/><g font-family="DejaVu Sans Mono" font-size="14" fill="#d4d4d4">${text.join("")}</g></svg>`);
' "$root/docs/img/follow.txt" "$work/follow.svg"
rsvg-convert "$work/follow.svg" -o "$root/docs/img/follow.png"
echo "wrote docs/img/follow.txt and docs/img/follow.png"
