#!/usr/bin/env bash
# Fuzzes every reader with libFuzzer under ASan + UBSan (tests/fuzz/fuzz_*.cpp:
# config, json, weights, batch, lesson, check, markdown, text, link, csv) for a
# bounded total wall time, two targets at a time. Each target starts from
# seeds made of the repository's real files (lessons, links, weights written
# by `unroll train --save-weights`, batch files in the parity test's format)
# plus what earlier runs found (build/fuzz/corpus/). Exits non-zero if any
# target finds a crash, a sanitizer report, a hang or a broken property; the
# failing input is kept in build/fuzz/artifacts/<target>/ and its log in
# build/fuzz/logs/<target>.log.
#   scripts/fuzz.sh [total-seconds] [target...]   (default: $FUZZ_SECONDS or 150, all targets)
# Env: UNROLL_FUZZ_BUILD (default build/fuzz), UNROLL_NATIVE_BUILD (the
#      native CLI that writes the weights seeds; built if missing),
#      FUZZ_JOBS (targets at once, default 2).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
total="${1:-${FUZZ_SECONDS:-150}}"
[ $# -gt 0 ] && shift
if ! [[ "$total" =~ ^[0-9]+$ ]] || (( total < 1 )); then
  echo "usage: $0 [total-seconds] [target...]   (total-seconds: a whole number >= 1, got '$total')" >&2
  exit 2
fi
ALL=(config json weights batch lesson check markdown text link csv)
if [ $# -gt 0 ]; then targets=("$@"); else targets=("${ALL[@]}"); fi
for t in "${targets[@]}"; do
  [[ " ${ALL[*]} " == *" $t "* ]] || { echo "fuzz: unknown target '$t'; allowed: ${ALL[*]}" >&2; exit 2; }
done
BUILD=${UNROLL_FUZZ_BUILD:-$ROOT/build/fuzz}
NATIVE=${UNROLL_NATIVE_BUILD:-$ROOT/build/native}
JOBS=${FUZZ_JOBS:-2}

CC=clang CXX=clang++ cmake -S "$ROOT" -B "$BUILD" -DUNROLL_FUZZ=ON -DUNROLL_TESTS=OFF \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$BUILD" --target fuzz_all -j"$(nproc)" >/dev/null
if [ ! -x "$NATIVE/unroll" ]; then
  cmake -S "$ROOT" -B "$NATIVE" -DCMAKE_BUILD_TYPE=Release -DUNROLL_DESKTOP=OFF >/dev/null
  cmake --build "$NATIVE" --target unroll -j"$(nproc)" >/dev/null
fi

# ---- seeds: real files, rebuilt every run -------------------------------------
SEEDS=$BUILD/seeds
rm -rf "$SEEDS" && mkdir -p "$SEEDS" && for t in "${ALL[@]}"; do mkdir -p "$SEEDS/$t"; done
n=0
seed() { n=$((n + 1)); printf '%s' "$2" >"$SEEDS/$1/s$n"; }  # seed TARGET TEXT
lessons=("$ROOT"/lessons/*.lesson)
for f in "${lessons[@]}"; do
  cp "$f" "$SEEDS/lesson/"
  # markdown: each @text block; check: each @check; config/link: each @config
  awk '/^@text\./ { if (b != "") print b > (dir "/" FILENAME_ID "-" n++); b = ""; on = 1; next }
       /^@/ { if (on && b != "") print b > (dir "/" FILENAME_ID "-" n++); on = 0; b = ""; next }
       on { b = b $0 "\n" }' dir="$SEEDS/markdown" FILENAME_ID="$(basename "$f" .lesson)" "$f"
  while IFS= read -r line; do seed check "${line#@check }"; done < <(grep '^@check ' "$f")
  while IFS= read -r line; do
    seed config "${line#@config }"
    seed link "#${line#@config }&lesson=$(basename "$f" .lesson | cut -d- -f2-)&step=2&lang=pt"
  done < <(grep '^@config ' "$f")
done
# The old fuzz_config seeds and links as the README and the page write them.
seed config 'v=1'
seed config '?v=1&arch=gru&hidden=128&lr=3e-3&clip=value&clip_at=0.5&seed=7'
seed config '#task=copy&T=200&symbols=10&alphabet=4&init=identity&rho=1.5&fbias=-2.5'
seed config 'optim=sgd&momentum=0.999&wd=1e-4&tbptt=20&tbptt_update=chunk&batch=512'
seed config 'hiden=5&arch=%3Cscript%3E&lr=nan&v=2&layers&hidden=1&hidden=2&x=%zz'
seed link '#lesson=bptt&step=2&lang=pt'
seed link 'v=1&arch=gru&task=copy&T=20&run=1&compare=lstm,rnn_tanh,transformer'
seed link '#model=seq2seq&attn=bahdanau&task=reverse&T=10&compare=seq2seq,luong&lang=en'
seed link '#run=2&compare=lstm,,x&step=0&lang=fr&lesson=%3Cscript%3E'
# weights: what `unroll train --save-weights` writes, each cell and 1-2 layers
for cfg in 'arch=lstm&hidden=4' 'arch=gru&hidden=3&layers=2' 'arch=rnn_tanh&hidden=2' \
           'arch=rnn_relu&hidden=3&task=copy&symbols=2&alphabet=3'; do
  n=$((n + 1))
  "$NATIVE/unroll" train --config "v=1&$cfg&T=4&batch=2" --steps 2 --quiet \
    --save-weights "$SEEDS/weights/w$n.json" >/dev/null
  cp "$SEEDS/weights/w$n.json" "$SEEDS/json/"
done
# batch: the parity test's format (torch_parity.py random_batch), small;
# fuzz_batch's first byte picks I = 1 + b % 8 and O = 1 + (b / 8) % 8.
/usr/bin/env python3 - "$SEEDS" <<'PY'
import json, os, random, sys
seeds = sys.argv[1]
rng = random.Random(1)
for k, (loss, T, B, I, O) in enumerate([("mse", 3, 2, 2, 1), ("xent", 4, 1, 3, 4), ("mse", 1, 3, 1, 2)]):
    batch = {"loss": loss, "x": [[[round(rng.gauss(0, 1), 6) for _ in range(I)] for _ in range(B)] for _ in range(T)]}
    if loss == "mse":
        batch["y"] = [[[round(rng.gauss(0, 1), 6) for _ in range(O)] for _ in range(B)] for _ in range(T)]
    else:
        batch["targets"] = [[rng.randrange(O) for _ in range(B)] for _ in range(T)]
    text = json.dumps(batch)
    open(os.path.join(seeds, "batch", f"b{k}"), "wb").write(bytes([(I - 1) + 8 * (O - 1)]) + text.encode())
    open(os.path.join(seeds, "json", f"b{k}.json"), "w").write(text)
PY
cp "$ROOT"/bench/configs.json "$ROOT"/tests/browser/package.json "$SEEDS/json/"
# text: a byte for T, then real text (the README, a lesson in Portuguese)
printf '\x07' | cat - <(head -c 3000 "$ROOT/README.md") >"$SEEDS/text/readme"
printf '\x10' | cat - <(head -c 3000 "$ROOT/lessons/02-bptt.lesson") >"$SEEDS/text/lesson"
printf '\x03\xef\xbb\xbfline one\r\nline two\rthree\n' >"$SEEDS/text/crlf"
# csv: a byte for T (and, above 0x7f, a label in the last column), then a table
printf '\x05"YEAR","SUNACTIVITY"\n1700,5\n1701,11\n1702,16\n1703,23\n1704,36\n1705,58\n1706,29\n' >"$SEEDS/csv/years"
printf '\x82x;y;kind\r\n1;2;a\r\n2;4;a\r\n3;1;b\r\n4;0;b\r\n"5";"1,5";a\r\n' >"$SEEDS/csv/labels"
printf '\x01a\tb\n1\t\n2\tNaN\n' >"$SEEDS/csv/gaps"

# Dictionaries: the words each grammar is made of, so mutations reach deep
# paths sooner (key names and choices from the key table, lesson directives,
# check variables and operators, JSON's tokens).
DICTS=$BUILD/dicts
mkdir -p "$DICTS"
words() { sed 's/\\/\\\\/g; s/"/\\"/g; s/.*/"&"/' ; }  # one word a line -> dictionary lines
keys_md=$(cd "$ROOT" && "$NATIVE/print_keys" 2>/dev/null || sed -n '/keys:begin/,/keys:end/p' README.md)
{ grep -oE '^\| `[a-z_A-Z]+`' <<<"$keys_md" | tr -d '|` ' | sed 's/$/=/'
  grep -oE '`[a-z_0-9]+`' <<<"$keys_md" | tr -d '`' | sort -u
  printf '%s\n' '&' '=' '#' '?' '%' run= compare= lesson= step= lang= , seq2seq bahdanau luong transformer
} | words >"$DICTS/config.dict"
cp "$DICTS/config.dict" "$DICTS/link.dict"
{ printf '%s\n' @lesson @step @title.en @title.pt @config @compare @run @check @budget @hint.en @hint.pt \
    @text.en @text.pt '@#' and '<' '<=' '>' '>=' '==' 1e-6 100000
  grep -ohE '^@check .*' "$ROOT"/lessons/*.lesson | tr ' ' '\n' | grep -v '^@' | sort -u
} | words >"$DICTS/lesson.dict"
grep -ohE '^@check .*' "$ROOT"/lessons/*.lesson | tr ' ' '\n' | grep -v '^@' | sort -u | words >"$DICTS/check.dict"
printf '%s\n' '**' '*' '`' '# ' '## ' '- ' | words >"$DICTS/markdown.dict"
{ printf '%s\n' '{' '}' '[' ']' ':' ',' true false null '\u' '\ud83d\ude00' 1e-7 -0 '"loss"' '"mse"' '"xent"' '"x"' \
    '"y"' '"targets"' '"arch"' '"input_size"' '"hidden_size"' '"num_layers"' '"output_size"' '"params"' \
    '"shape"' '"data"' '"lstm"' '"gru"' '"rnn_tanh"' '"rnn_relu"' '"rnn.weight_ih_l0"' '"rnn.weight_hh_l0"' \
    '"rnn.bias_ih_l0"' '"rnn.bias_hh_l0"' '"head.weight"' '"head.bias"'
} | words >"$DICTS/json.dict"
cp "$DICTS/json.dict" "$DICTS/weights.dict"
cp "$DICTS/json.dict" "$DICTS/batch.dict"
printf '"%s"\n' '\x0d\x0a' '\x0d' '\xef\xbb\xbf' '\xc3\xa7' '\xe2\x88\x82' '\xf0\x9f\x98\x80' '\xed\xa0\x80' \
  '\xc0\x80' >"$DICTS/text.dict"  # CRLF, CR, BOM, 2-4 byte characters, a surrogate, an overlong NUL
printf '"%s"\n' ',' ';' '\x09' '\x0a' '\x0d\x0a' '\x22' 'NaN' 'NA' '-1e3' '.5' >"$DICTS/csv.dict"  # delimiters, quotes, gaps

# ---- run: JOBS targets at a time, total seconds overall ----------------------
per=$(( total * JOBS / ${#targets[@]} ))
(( per >= 1 )) || per=1
declare -A max_len=([config]=4096 [link]=4096 [check]=512 [markdown]=8192 [lesson]=32768
                    [json]=16384 [weights]=16384 [batch]=8192 [text]=8192 [csv]=8192)
mkdir -p "$BUILD/logs"
fuzz_one() {  # fuzz_one TARGET: libFuzzer's exit code goes to logs/TARGET.rc
  local t=$1 rc=0
  mkdir -p "$BUILD/corpus/$t" "$BUILD/artifacts/$t"
  "$BUILD/fuzz_$t" -max_total_time="$per" -max_len="${max_len[$t]}" -timeout=10 -rss_limit_mb=2048 \
    -dict="$DICTS/$t.dict" \
    -print_final_stats=1 -artifact_prefix="$BUILD/artifacts/$t/" \
    "$BUILD/corpus/$t" "$SEEDS/$t" >"$BUILD/logs/$t.log" 2>&1 || rc=$?
  echo "$rc" >"$BUILD/logs/$t.rc"
}
echo "fuzz: ${#targets[@]} targets, ${per} s each, $JOBS at a time (about ${total} s)"
running=0
start=$SECONDS
for t in "${targets[@]}"; do
  rm -f "$BUILD/logs/$t.rc"
  if (( running >= JOBS )); then wait -n || true; running=$((running - 1)); fi
  fuzz_one "$t" &
  running=$((running + 1))
done
wait
failed=()
for t in "${targets[@]}"; do
  [ "$(cat "$BUILD/logs/$t.rc" 2>/dev/null)" = 0 ] || failed+=("$t")
done
printf '%-9s %12s %8s %7s  %s\n' target executions exec/s corpus result
execs_total=0
for t in "${targets[@]}"; do
  log=$BUILD/logs/$t.log
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  result=ok
  [[ " ${failed[*]} " == *" $t "* ]] && result="FAILED: see $log, input in $BUILD/artifacts/$t/"
  printf '%-9s %12s %8s %7s  %s\n' "$t" "${execs:-?}" "${rate:-?}" "$(ls "$BUILD/corpus/$t" | wc -l)" "$result"
  execs_total=$((execs_total + ${execs:-0}))
done
echo "fuzz: $execs_total executions in $((SECONDS - start)) s"
if [ ${#failed[@]} -gt 0 ]; then
  for t in "${failed[@]}"; do
    echo; echo "---- $t ----"
    grep -m1 -B2 -A12 -E '^==[0-9]+==ERROR|SUMMARY|^fuzz_[a-z]+: |runtime error|ALARM|out-of-memory' \
      "$BUILD/logs/$t.log" || tail -30 "$BUILD/logs/$t.log"
    ls "$BUILD/artifacts/$t/"
  done
  exit 1
fi
