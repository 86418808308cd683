#!/usr/bin/env bash
# The newcomer run of issue #31, repeated by a script: from an empty project, draw an
# "Invoice portal" on AWS (browser users signing in through Cognito, API Gateway, two
# Lambdas, DynamoDB, S3, SQS, a third-party email provider, an internal admin console),
# name every element and flow, draw the trust boundaries, decide a threat in the pane, run
# a short workshop, save, reopen. The app runs in a private Xvfb display driven by
# xdotool; a PNG is saved after every step, to be LOOKED AT (that is the point).
#
# Usage: scripts/newcomer-run.sh [OUT_DIR] [BINARY]
#   OUT_DIR defaults to ./newcomer-shots, BINARY to target/debug/threatboard (or
#   $CARGO_TARGET_DIR/debug/threatboard). Installs xvfb, xdotool and imagemagick with
#   apt-get when they are missing (as ../shared/tools/screenshot.sh does).
# Coordinates are for a 1400x900 screen with the app's default panes.
set -euo pipefail
out=${1:-newcomer-shots}
bin=${2:-${CARGO_TARGET_DIR:-target}/debug/threatboard}
[ -x "$bin" ] || { echo "newcomer-run.sh: no binary at $bin (cargo build first)" >&2; exit 2; }
mkdir -p "$out"
out=$(cd "$out" && pwd)
need=()
command -v Xvfb >/dev/null || need+=(xvfb)
command -v xdotool >/dev/null || need+=(xdotool)
command -v import >/dev/null || need+=(imagemagick)
dpkg -s libgl1-mesa-dri >/dev/null 2>&1 || need+=(libgl1-mesa-dri libegl1 libgl1)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

work=$(mktemp -d)
project=$work/invoice-portal.ron
"$bin" new "$project" --title "Invoice portal" >/dev/null

d=90; while [ -e /tmp/.X11-unix/X$d ] || [ -e /tmp/.X$d-lock ]; do d=$((d+1)); done
Xvfb :$d -screen 0 1400x900x24 -nolisten tcp >/dev/null 2>&1 &
xpid=$!
apid=""
cleanup() { [ -n "$apid" ] && kill "$apid" 2>/dev/null; kill $xpid 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
for _ in $(seq 50); do [ -e /tmp/.X11-unix/X$d ] && break; sleep 0.1; done
export DISPLAY=:$d LIBGL_ALWAYS_SOFTWARE=1 WAYLAND_DISPLAY=
# A fresh app: its own config folder, so no preferences from an earlier run.
export XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data HOME=$work

start() {
  "$bin" "$@" >"$out/app.log" 2>&1 &
  apid=$!
  sleep 6
  wid=$(xdotool search --onlyvisible --pid "$apid" 2>/dev/null | head -n 1 || true)
  if [ -n "$wid" ]; then
    xdotool windowmove "$wid" 0 0 windowsize "$wid" 1400 900
    xdotool windowfocus "$wid"
  fi
  sleep 2
}
n=0
shot() { n=$((n+1)); import -window root "$out/$(printf %02d "$n")-$1.png"; echo "shot $n: $1"; }
key() { for k in "$@"; do xdotool key --clearmodifiers "$k"; sleep 0.4; done; }
typ() { xdotool type --delay 30 "$1"; sleep 0.3; }
click() { xdotool mousemove "$1" "$2" click 1; sleep 0.5; }
drag() {
  xdotool mousemove "$1" "$2"; sleep 0.2
  xdotool mousedown 1; sleep 0.2
  for i in 1 2 3 4 5 6 7 8; do
    xdotool mousemove $(( $1 + ($3 - $1) * i / 8 )) $(( $2 + ($4 - $2) * i / 8 )); sleep 0.05
  done
  sleep 0.2; xdotool mouseup 1; sleep 0.6
}
# An element: tool key, click where it goes, type its name, Enter.
element() { key "$1"; click "$2" "$3"; typ "$4"; key Return; }
# A flow: Flow tool, drag from one element's centre to the other's, name, Enter.
flow() { key f; drag "$1" "$2" "$3" "$4"; typ "$5"; key Return; }

start "$project"
shot empty-project

# Elements, left to right as the request travels.
element e 290 230 "Customer browser"
element p 470 330 "Sign-in (Cognito)"
element p 470 180 "API Gateway"
element p 650 180 "Invoice Lambda"
element d 860 130 "Invoices table"
element d 860 260 "Invoice PDFs bucket"
element d 650 380 "Email job queue"
element p 650 540 "Email Lambda"
element e 900 540 "Email provider"
element p 470 640 "Admin console"
element e 290 640 "Finance staff"
shot elements

flow 290 230 470 180 "Invoice requests"
flow 290 230 470 330 "Sign in"
flow 470 180 650 180 "Invoice API calls"
flow 650 180 860 130 "Read/write invoice records"
flow 650 180 860 260 "Store invoice PDFs"
flow 650 180 650 380 "Email job"
flow 650 380 650 540 "Email jobs"
flow 650 540 900 540 "Send invoice email"
flow 290 640 470 640 "Admin actions"
flow 470 640 860 130 "Invoice corrections"
shot flows

# Trust boundaries: the AWS account around our services, the provider's around theirs.
key b; drag 400 100 960 720; typ "AWS account"; key Return
shot boundary
key Escape Escape
key shift+1
shot fitted

# Select the Invoice Lambda: its properties above its threats.
click 650 180
shot lambda-selected
# Open its first threat (the row under "Invoice Lambda (process)" in the pane, below the
# properties): the decision should be in sight.
xdotool mousemove 1275 615 click 1; sleep 0.8
shot threat-details
key Escape
shot after-escape

# A short workshop: F5, the facilitator's name, decide the first two threats.
key F5
typ "Priya Raman"; key Return
shot workshop
key m; typ "WAF rate limit on the sign-in endpoint, reviewed weekly"; key Return
shot workshop-decided
key i; typ "Check the bucket policy with the platform team"; key Return
# A pause: Esc in the same frame as the Enter (0.4 s later under software GL) left the
# workshop without showing its summary.
sleep 1.5
key Escape
sleep 1
shot workshop-summary
key Escape

key ctrl+s
shot saved
kill "$apid"; wait "$apid" 2>/dev/null || true
apid=""
start "$project"
shot reopened
echo "screenshots in $out"
