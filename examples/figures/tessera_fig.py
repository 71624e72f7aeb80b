"""What the fig_*.py scripts share: their command line and how they write a PNG.

Not a figure script itself (make_all.py runs only fig_*.py). Importing it selects the Agg backend, so import it
before matplotlib.pyplot.
"""
import pathlib
import sys

import matplotlib

matplotlib.use("Agg")


def input_path(name):
    """(OUT_DIR, DATA_DIR/name) from the command line `fig_X.py DATA_DIR OUT_DIR`; the input is None when missing."""
    data, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    src = data / name
    return out, (src if src.exists() else None)


def save(fig, out, name):
    """Write fig to OUT_DIR/name (creating OUT_DIR) and print the path written."""
    out.mkdir(parents=True, exist_ok=True)
    path = out / name
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    print(path)
    return path
