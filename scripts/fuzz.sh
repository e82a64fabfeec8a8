#!/usr/bin/env bash
# Fuzzes the log readers with libFuzzer (issue 3). Not part of `make test`: run it by hand.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET]     (default 120)
#
# Builds fuzz-csv, fuzz-xlsx, fuzz-ods and fuzz-xls with -sanitize=fuzzer into .build-fuzz (the normal build
# is not touched; lld links them, gold cannot), seeds each from the test fixtures, runs
# each for the given time on every core, and fails if either finds a crash, a hang
# (-timeout) or a broken accounting invariant. Findings are kept in .build-fuzz/findings/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-120}"
scratch=.build-fuzz
flags=(-c release --scratch-path "$scratch" -Xswiftc -sanitize=fuzzer -Xswiftc -DFUZZING -Xswiftc -use-ld=lld)
jobs=$(nproc)

for target in csv xlsx ods xls; do
    swift build "${flags[@]}" --product "fuzz-$target"
done
# FreeXL runs in its own process (a crash there costs one file): build it beside the targets.
swift build -c release --scratch-path "$scratch" --product tuyengiao-xls
bin="$(swift build "${flags[@]}" --show-bin-path)"

status=0
for target in csv xlsx ods xls; do
    corpus="$scratch/corpus/$target"
    findings="$scratch/findings/$target"
    mkdir -p "$corpus" "$findings"
    if [ "$target" = csv ]; then
        cp Tests/TuyenGiaoIOTests/Fixtures/small/logs/* Tests/TuyenGiaoIOTests/Fixtures/encodings/nhat-ky_* "$corpus"/ 2>/dev/null || true
        max_len=4096
    elif [ "$target" = xlsx ]; then
        cp Tests/TuyenGiaoIOTests/Fixtures/xlsx/*.xlsx "$corpus"/
        max_len=65536
    else
        cp Tests/TuyenGiaoIOTests/Fixtures/spreadsheets/*."$target" "$corpus"/
        max_len=65536
    fi
    echo "fuzz-$target: ${seconds}s on $jobs workers"
    # The Swift runtime's backtracer would take the crash signal before libFuzzer can save the input.
    if ! SWIFT_BACKTRACE=enable=no "$bin/fuzz-$target" "$corpus" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=1024 \
        -max_len="$max_len" -jobs="$jobs" -workers="$jobs" -artifact_prefix="$findings/" \
        -print_final_stats=1 > "$scratch/fuzz-$target.log" 2>&1; then
        status=1
    fi
    # -jobs writes one log per worker; the stats are in them.
    runs=$(cat fuzz-*.log 2>/dev/null | awk '/stat::number_of_executed_units/ {s += $2} END {print s + 0}')
    grep -h -m1 -A3 -E "ERROR: libFuzzer|Fatal error|invariant broken" fuzz-*.log 2>/dev/null | head -20 || true
    rm -f fuzz-*.log
    crashes=$(find "$findings" -type f | wc -l)
    echo "fuzz-$target: $runs inputs run, corpus $(ls "$corpus" | wc -l) files, findings $crashes"
    if [ "$crashes" -gt 0 ]; then status=1; ls "$findings"; fi
done
exit $status
