#!/usr/bin/python3
"""Regenerate every tessera figure from existing HDF5 files.

Usage: /usr/bin/python3 examples/figures/make_all.py [DATA_DIR [OUT_DIR [fig_X.py ...]]]

Runs each examples/figures/fig_*.py (or only the scripts named) as `fig_X.py DATA_DIR OUT_DIR`. A figure script reads only HDF5 files
from DATA_DIR, writes PNG files to OUT_DIR and prints each path it writes; it exits with status 3 (skipped)
when its input files are absent. Exit status: 0 when every script either drew or skipped, 1 otherwise; a script
named on the command line must draw (skipping is then a failure).
"""
import pathlib
import subprocess
import sys


def main():
    data = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
    out = pathlib.Path(sys.argv[2] if len(sys.argv) > 2 else data).resolve()
    out.mkdir(parents=True, exist_ok=True)
    here = pathlib.Path(__file__).resolve().parent
    failed = drawn = 0
    scripts = [here / s for s in sys.argv[3:]] or sorted(here.glob("fig_*.py"))
    for script in scripts:
        rv = subprocess.run([sys.executable, str(script), str(data), str(out)]).returncode
        if rv == 3 and sys.argv[3:]:
            print(f"FAILED {script.name}: its HDF5 input is not in {data}")
            failed += 1
        elif rv == 3:
            print(f"skipped {script.name}: its HDF5 input is not in {data}")
        elif rv != 0:
            print(f"FAILED {script.name} (exit {rv})")
            failed += 1
        else:
            drawn += 1
    print(f"{drawn} figure scripts drew, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
