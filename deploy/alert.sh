#!/bin/sh
# Alert for a failed nightly update: exit status 1 (some files could not be read)
# or 2 (the update could not run). Called by council-search-alert@.service
# (argument: the failed unit) or by the crontab line (argument: a description).
# Sends a mail to $ALERT_EMAIL when a `mail` command exists, and always writes
# to the system log (syslog/journal) with priority err.
set -u
what="${1:-indexer update}"
to="${ALERT_EMAIL:-root}"
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here" || exit 1  # `python -m indexer` runs from the installation folder
body="$(
  echo "Den nattliga uppdateringen av sökindexet misslyckades: $what"
  echo
  case "$what" in
    *.service) systemctl status --no-pager --lines=40 "$what" 2>&1 ;;
  esac
  echo
  "$here/.venv/bin/python" -m indexer status ${SEARCH_INDEX_DIR:+--index "$SEARCH_INDEX_DIR"} 2>&1
)"
if command -v logger >/dev/null 2>&1; then
  logger -t council-search -p user.err "nattlig uppdatering misslyckades: $what"
fi
if command -v mail >/dev/null 2>&1; then
  printf '%s\n' "$body" | mail -s "Sökindexet: nattlig uppdatering misslyckades ($what)" "$to"
else
  printf '%s\n' "$body" >&2
fi
