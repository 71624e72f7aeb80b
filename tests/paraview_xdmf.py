"""Open tessera's XDMF sidecars in ParaView (Debian's python3-paraview, run by pvpython) and compare with the HDF5.

Usage: pvpython tests/paraview_xdmf.py FILE.xmf[:DIM] ...

For every file and for both of ParaView's readers of XDMF (Xdmf3ReaderS, the XDMF 3 reader, and XDMFReader, the
legacy XDMF 2 reader) checks that (a volume file, one grid naming whole datasets, counts as one step at time 0)
  - the XDMF file describes step k of each field by slab k of its HDF5 dataset (through the per-step view), and its
    times equal the dataset "time" of that group in the HDF5 file;
  - the reader reports one time value per <Grid> of the temporal collection, equal to those times;
  - every attribute of the file is a cell array of that name, with one value per cell (product of the cell counts);
  - at the first, middle and last step, each array's value range equals the min/max of the HDF5 slab it names
    (read with h5py, 1e-12 relative);
  - the bounds are the box of the file: [0, L_x] x [0, L_y] (x [0, L_z]); a 2-D grid lies in the xy plane (its z
    extent is below a third of its smallest side), a 1-D grid along x.
Prints one line per file and reader; exit status 1 on the first failure. Errors that the readers print (HDF5-DIAG,
"Skipping unrecognized array type", VTK's "ERR|") are caught by the CMake script that runs this one.
"""
import pathlib
import re
import sys
import xml.etree.ElementTree as ET

import h5py
import numpy as np
from paraview import servermanager as sm
from paraview import simple


def expected(xmf):
    """Times, field names, dimension hint, cell counts (z y x), spacing and per-step (h5 file, dataset, slab) from xmf."""
    root = ET.parse(xmf).getroot()
    coll = root.find("Domain/Grid")
    if coll.get("GridType") == "Uniform":  # a volume (TesseraIOWriteXDMFVolume): one grid, its datasets named directly
        return volume(xmf, coll)
    steps = coll.findall("Grid")
    times = [float(g.find("Time").get("Value")) for g in steps]
    grids = []
    for k, g in enumerate(steps):
        nodes = [int(v) for v in g.find("Topology").get("Dimensions").split()]
        spacing = [float(v) for v in g.find("Geometry").findall("DataItem")[1].text.split()]
        fields = {}
        for a in g.findall("Attribute"):
            item = a.find("DataItem")
            if item.get("ItemType") == "HyperSlab":  # XDMF 2: a HyperSlab item (selection, dataset)
                sel = [int(v) for v in item.findall("DataItem")[0].text.split()]
                path = item.findall("DataItem")[1].text.strip()
                r = len(sel) // 3
                start, count = sel[:r], sel[2 * r:]
            else:  # a dataset of its own: an HDF5 virtual dataset mapping one step of the time series
                path = item.text.strip()
                h5, dset = path.split(":")
                with h5py.File(pathlib.Path(xmf).parent / h5, "r") as f:
                    if not f[dset].is_virtual:
                        fail(f"{xmf}: {path} is not a virtual dataset")
                    (vs, src_file, src_dset, src_space), = f[dset].virtual_sources()
                    lo, hi = src_space.get_select_bounds()
                    path = f"{h5}:{src_dset}"
                    start, count = list(lo), [b - a + 1 for a, b in zip(lo, hi)]
            h5, dset = path.split(":")
            if start[0] != k or count[0] != 1:
                fail(f"{xmf}: step {k} of {a.get('Name')} is slab {start[0]} ({count[0]} steps) of {dset}")
            with h5py.File(pathlib.Path(xmf).parent / h5, "r") as f:
                tname = dset.rsplit("/", 1)[0] + "/time"
                if tname in f and abs(float(f[tname][k]) - times[k]) > 1e-15 * max(1.0, abs(times[k])):
                    fail(f"{xmf}: step {k} at time {times[k]}, the HDF5 {tname} says {float(f[tname][k])}")
            fields[a.get("Name")] = (pathlib.Path(xmf).parent / h5, dset, start, count)
        grids.append((nodes, spacing, fields))
    return times, grids


def volume(xmf, g):
    """One step at time 0: each attribute is a whole dataset of the rank of its data item, with that shape."""
    nodes = [int(v) for v in g.find("Topology").get("Dimensions").split()]
    spacing = [float(v) for v in g.find("Geometry").findall("DataItem")[1].text.split()]
    fields = {}
    for a in g.findall("Attribute"):
        item = a.find("DataItem")
        h5, dset = item.text.strip().split(":")
        shape = [int(v) for v in item.get("Dimensions").split()]
        with h5py.File(pathlib.Path(xmf).parent / h5, "r") as f:
            if list(f[dset].shape) != shape or int(np.prod(shape)) != int(np.prod([n - 1 for n in nodes])):
                fail(f"{xmf}: {dset} has shape {f[dset].shape}, the data item says {shape} on {nodes} nodes")
        fields[a.get("Name")] = (pathlib.Path(xmf).parent / h5, dset, [0] * len(shape), shape)
    return [0.0], [(nodes, spacing, fields)]


def fail(msg):
    print("FAILED:", msg)
    sys.exit(1)


def check(xmf, dim, reader_name):
    times, grids = expected(xmf)
    reader = getattr(simple, reader_name)(**{"FileName" if reader_name == "Xdmf3ReaderS" else "FileNames": [str(xmf)]})
    if reader_name == "Xdmf3ReaderS":
        reader.CellArrays = list(grids[0][2].keys())
    reader.UpdatePipelineInformation()
    tv = list(reader.TimestepValues) if len(times) > 1 else [times[0]]  # one step (or a volume): no time values
    if len(tv) != len(times) or not np.allclose(tv, times, rtol=1e-12, atol=0):
        fail(f"{xmf} ({reader_name}): {len(tv)} time values {tv[:4]}..., the file has {len(times)} steps {times[:4]}...")
    for k in sorted({0, len(times) // 2, len(times) - 1}):
        nodes, spacing, fields = grids[k]
        reader.UpdatePipeline(times[k])
        data = sm.Fetch(reader)
        if data.IsA("vtkMultiBlockDataSet"):
            data = data.GetBlock(0)
        ncells = int(np.prod([n - 1 for n in nodes]))
        if data.GetNumberOfCells() != ncells:
            fail(f"{xmf} ({reader_name}) step {k}: {data.GetNumberOfCells()} cells, expected {ncells}")
        cd = data.GetCellData()
        names = sorted(cd.GetArrayName(i) for i in range(cd.GetNumberOfArrays()))
        if names != sorted(fields):
            fail(f"{xmf} ({reader_name}) step {k}: cell arrays {names}, expected {sorted(fields)}")
        for name, (h5, dset, start, count) in fields.items():
            arr = cd.GetArray(name)
            if arr.GetNumberOfTuples() != ncells:
                fail(f"{xmf} ({reader_name}) step {k}: array {name} has {arr.GetNumberOfTuples()} values for {ncells} cells")
            with h5py.File(h5, "r") as f:
                slab = np.asarray(f[dset][tuple(slice(s, s + c) for s, c in zip(start, count))])
            lo, hi = arr.GetRange()
            scale = max(abs(slab.min()), abs(slab.max()), 1e-300)
            if abs(lo - slab.min()) > 1e-12 * scale or abs(hi - slab.max()) > 1e-12 * scale:
                fail(f"{xmf} ({reader_name}) step {k}: {name} range [{lo}, {hi}], HDF5 slab [{slab.min()}, {slab.max()}]")
        b = data.GetBounds()
        ext = [b[1] - b[0], b[3] - b[2], b[5] - b[4]]
        box = [(n - 1) * h for n, h in zip(reversed(nodes), reversed(spacing))]  # x y z
        if not np.allclose(ext[:dim], box[:dim], rtol=1e-12) or min(b[0], b[2], b[4]) != 0:
            fail(f"{xmf} ({reader_name}): bounds {b}, expected the box {box[:dim]} from the origin")
        if dim < 3 and max(ext[dim:]) > min(ext[:dim]) / 3:
            fail(f"{xmf} ({reader_name}): a {dim}-D grid with extents {ext}: not in the {'x axis' if dim == 1 else 'xy plane'}")
    print(f"{xmf.name} ({reader_name}): {len(times)} steps, arrays {sorted(grids[0][2])}, {ncells} cells, "
          f"bounds {[round(e, 6) for e in ext]}, ranges equal the HDF5")
    simple.Delete(reader)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    for arg in sys.argv[1:]:
        m = re.match(r"^(.*?)(?::(\d))?$", arg)
        xmf, dim = pathlib.Path(m.group(1)).resolve(), int(m.group(2) or 2)
        for reader in ("Xdmf3ReaderS", "XDMFReader"):
            check(xmf, dim, reader)
    return 0


if __name__ == "__main__":
    sys.exit(main())
