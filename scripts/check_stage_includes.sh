#!/usr/bin/env bash
# Usage: check_stage_includes.sh SVGPS_SRC_DIR STAGE...
# svgps/src is laid out by stage, STAGEs given in dependency order (svgps/CMakeLists.txt lists
# them). Fails, naming each offending line, when a file includes a private header of a later stage
# or when a source file sits outside every stage folder, so data keeps flowing one way.
set -euo pipefail
src=$1; shift
declare -A rank
i=0
for stage in "$@"; do rank[$stage]=$i; i=$((i + 1)); done

status=0
while IFS= read -r file; do
  rel=${file#"$src"/}
  own=${rel%%/*}
  if [ "$own" = "$rel" ] || [ -z "${rank[$own]+x}" ]; then
    echo "$rel: not in a stage folder ($*)"; status=1; continue
  fi
  while IFS=: read -r line target; do
    stage=${target%%/*}
    [ "$stage" = "$target" ] && continue            # a header beside the file
    [ -z "${rank[$stage]+x}" ] && continue           # a public or system header
    if [ "${rank[$stage]}" -gt "${rank[$own]}" ]; then
      echo "$rel:$line: stage '$own' includes '$target' from the later stage '$stage'"; status=1
    fi
  done < <(grep -n -o -E '^#include "[^"]+"' "$file" | sed -E 's/^([0-9]+):#include "(.*)"$/\1:\2/')
done < <(find "$src" -type f \( -name '*.cpp' -o -name '*.hpp' \) | sort)
exit $status
