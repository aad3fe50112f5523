"""Many runs of cv2pdf's command line in one process (cli_batch, tests/schema/cli_batch.c), for the
Python tests: runs([(FOLDER, [ARG, ...]), ...]) gives each run's (exit status, stdout, stderr), as
subprocess.run of `cv2pdf ARG...` in FOLDER would. $CV2PDF_TEST_WRAPPER, a list of words (valgrind
and its options), runs cli_batch, as the test scripts run cv2pdf. SPDX-License-Identifier: MIT"""
import os
import subprocess
import sys


def runs(batch, todo, env=None, timeout=600):
    lines = []
    for folder, args in todo:
        words = [folder, *args]
        if any("\t" in w or "\n" in w for w in words):
            sys.exit(f"cli_batch: a tab or line end in {words!r}")
        lines.append("\t".join(words) + "\n")
    wrapper = os.environ.get("CV2PDF_TEST_WRAPPER", "").split()
    r = subprocess.run([*wrapper, batch], input="".join(lines).encode(), capture_output=True, env=env,
                       timeout=timeout * (10 if wrapper else 1))
    if r.returncode != 0:
        sys.exit(f"{batch} exits {r.returncode}: {r.stderr.decode(errors='replace')}")
    out, pos, got = r.stdout, 0, []
    while pos < len(out):
        end = out.index(b"\n", pos)
        mark, status, n_out, n_err = out[pos:end].split()
        if mark != b"==":
            sys.exit(f"{batch}: unexpected output at byte {pos}")
        start, n_out, n_err = end + 1, int(n_out), int(n_err)
        got.append((int(status), out[start:start + n_out].decode(), out[start + n_out:start + n_out + n_err].decode()))
        pos = start + n_out + n_err
    if len(got) != len(todo):
        sys.exit(f"{batch} answered {len(got)} runs of {len(todo)}")
    return got
