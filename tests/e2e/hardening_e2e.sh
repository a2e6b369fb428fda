#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Issue 18 (hardening), with the real executables: the licence in --version,
# the top-level handler (out of memory ends with exit 1 and one line, never
# an abort), no source file name in anonymised outputs, and clear messages
# for empty, truncated and unreachable inputs, a full disk and a failed eval.
# Usage: hardening_e2e.sh EDGEFUSE_CLI EDGEFUSE_TRAIN EDGEFUSE_GUI|- SOURCE_DIR
set -u
CLI="$1"
TRAIN="$2"
GUI="$3"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
failures=0

# shellcheck source=e2e_support.sh
source "$(dirname "$0")/e2e_support.sh"

expect() {  # expect DESCRIPTION COMMAND...: the command must succeed
  local description="$1"
  shift
  if "$@"; then echo "ok: $description"; else
    echo "FAIL: $description"
    failures=$((failures + 1))
  fi
}

one_error_line() {  # stderr is exactly one line, EdgeFuse's own
  [ "$(wc -l <"$WORK/stderr")" -eq 1 ] && grep -q "^edgefuse-cli: error: " "$WORK/stderr"
}

# --- Licence -----------------------------------------------------------------
check "edgefuse-cli --version" 0 "$CLI" --version
expect "edgefuse-cli --version names GPL-3.0-or-later" grep -q "GPL-3.0-or-later" "$WORK/stdout"
check "edgefuse-train --version" 0 "$TRAIN" --version
expect "edgefuse-train --version names GPL-3.0-or-later" grep -q "GPL-3.0-or-later" "$WORK/stdout"
if [ "$GUI" != "-" ]; then
  check "edgefuse --version (no display needed)" 0 env QT_QPA_PLATFORM=offscreen "$GUI" --version
  expect "edgefuse --version names GPL-3.0-or-later" grep -q "GPL-3.0-or-later" "$WORK/stdout"
fi

# --- Inputs --------------------------------------------------------------------
check "demo writes the phantom pair" 0 "$CLI" demo --out-dir "$WORK/demo" --size 64 --method average
MRI="$WORK/demo/phantom_mri.png"
CT="$WORK/demo/phantom_ct.png"
mkdir -p "$WORK/in" "$WORK/out" "$WORK/dicom"

# --- Anonymised outputs name no source file ------------------------------------
cp "$MRI" "$WORK/in/DOE_JANE_MRN12345.png"
check "convert the MRI to a DICOM named like a patient" 0 "$CLI" convert "$WORK/in/DOE_JANE_MRN12345.png" \
  "$WORK/dicom/DOE_JANE_MRN12345.dcm"
PATIENT_DCM="$WORK/dicom/DOE_JANE_MRN12345.dcm"
names_source() { grep -a -q -e "MRN12345" -e "DOE_JANE" "$1"; }
names_no_source() { ! names_source "$1"; }
check "fuse --out PNG without --anonymize" 0 "$CLI" fuse --a "$PATIENT_DCM" --b "$CT" --out "$WORK/out/named.png" \
  --method average
expect "without --anonymize the PNG names its sources (documented)" names_source "$WORK/out/named.png"
check "fuse --out PNG --anonymize" 0 "$CLI" fuse --a "$PATIENT_DCM" --b "$CT" --out "$WORK/out/anon.png" \
  --method average --anonymize
expect "anonymised fused PNG names no source file" names_no_source "$WORK/out/anon.png"
check "fuse --out DICOM --anonymize" 0 "$CLI" fuse --a "$PATIENT_DCM" --b "$CT" --out "$WORK/out/anon.dcm" \
  --method average --anonymize
expect "anonymised fused DICOM names no source file" names_no_source "$WORK/out/anon.dcm"
check "convert DICOM to PNG --anonymize" 0 "$CLI" convert "$PATIENT_DCM" "$WORK/out/conv.png" --anonymize
expect "anonymised converted PNG names no source file" names_no_source "$WORK/out/conv.png"
check "convert PNG to DICOM --anonymize" 0 "$CLI" convert "$WORK/in/DOE_JANE_MRN12345.png" "$WORK/out/conv.dcm" \
  --anonymize
expect "anonymised converted DICOM names no source file" names_no_source "$WORK/out/conv.dcm"

# --- Damaged and unreachable inputs ----------------------------------------------
: >"$WORK/in/empty.dcm"
check "a 0-byte .dcm is a damaged file (exit 5)" 5 "$CLI" info "$WORK/in/empty.dcm"
head -c 300 "$CT" >"$WORK/in/truncated.png"
check "a truncated PNG is a damaged file (exit 5)" 5 "$CLI" info "$WORK/in/truncated.png"
expect "a truncated PNG gives one line, EdgeFuse's, and no libpng line" one_error_line
ln -s "$WORK/in/loop-b.png" "$WORK/in/loop-a.png"
ln -s "$WORK/in/loop-a.png" "$WORK/in/loop-b.png"
check "a symbolic link loop cannot be read (exit 3)" 3 "$CLI" info "$WORK/in/loop-a.png"
expect "a symbolic link loop is called a loop, not 'not found'" grep -q "loop of symbolic links" "$WORK/stderr"

# --- A full disk (a file-size limit; SIGXFSZ ignored so that write() fails) ---------
full_disk() { (trap '' XFSZ; ulimit -f 1; exec "$@"); }
for ext in png dcm; do
  check "fuse on a full disk ($ext, exit 7)" 7 full_disk "$CLI" fuse --a "$MRI" --b "$CT" \
    --out "$WORK/out/full.$ext" --method average
  expect "the full-disk error names the output, not a temporary file ($ext)" \
    bash -c "grep -q 'full.$ext' '$WORK/stderr' && ! grep -q 'tmp-' '$WORK/stderr'"
done

# --- eval --out-dir leaves nothing behind when it fails ---------------------------
mkdir -p "$WORK/evalA" "$WORK/evalB"
cp "$MRI" "$WORK/evalA/1.png"
cp "$CT" "$WORK/evalB/1.png"
check "eval --out-dir on a full disk (exit 7)" 7 full_disk "$CLI" eval --a "$WORK/evalA" --b "$WORK/evalB" \
  --json "$WORK/out/eval.json" --out-dir "$WORK/out/eval-full" --method average
expect "a failed eval leaves no --out-dir folder" test ! -e "$WORK/out/eval-full"
: >"$WORK/evalA/2.png"
cp "$CT" "$WORK/evalB/2.png"
check "eval with a damaged second pair (exit 5)" 5 "$CLI" eval --a "$WORK/evalA" --b "$WORK/evalB" \
  --json "$WORK/out/eval.json" --out-dir "$WORK/out/eval-damaged/fused" --method average
expect "a failed eval removes the folders and images it made" test ! -e "$WORK/out/eval-damaged"

# --- Out of memory: exit 1 (internal) and one line, never an abort ----------------
# A 16384 x 16384 grey PNG (inside the reader's limits, 256 MiB of pixels) read
# under a 1.5 GiB address-space limit.
if command -v python3 >/dev/null; then
  python3 - "$WORK/in/large.png" <<'EOF'
import struct, sys, zlib
side = 16384
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
packer = zlib.compressobj(9)
row = b"\0" * (side + 1)
idat = b"".join(packer.compress(row) for _ in range(side)) + packer.flush()
with open(sys.argv[1], "wb") as f:
    f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", idat) + chunk(b"IEND", b""))
EOF
  (ulimit -v 1572864; exec "$CLI" fuse --a "$WORK/in/large.png" --b "$WORK/in/large.png" \
    --out "$WORK/out/large.png" --method average) >"$WORK/stdout" 2>"$WORK/stderr"
  rc=$?
  if [ "$rc" -eq 1 ] && one_error_line && grep -q "out of memory" "$WORK/stderr"; then
    echo "ok: out of memory ends with exit 1 and one line"
  else
    echo "FAIL: out of memory: exit $rc (expected 1 and one 'out of memory' line)"
    sed 's/^/  stderr: /' "$WORK/stderr" | head -5
    failures=$((failures + 1))
  fi
else
  echo "note: python3 is not installed: the out-of-memory check is skipped"
fi

if [ "$failures" -gt 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "hardening: all checks passed"
