# Shell helpers for the bench scripts (sourced).
calc() { awk "BEGIN { print $1 }"; }

measure() {  # prints "seconds peak_kib" for a command
  local log
  log=$(mktemp)
  /usr/bin/time -o "$log" -f "%e %M" "$@" >/dev/null 2>&1
  tail -1 "$log"
  rm -f "$log"
}
