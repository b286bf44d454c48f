"""The child process that reads an XLSX workbook's sheets with fastexcel for `kpi.load.excel_fast`.

It runs while the parent checks the workbook's own XML (`kpi.load.excel.check_xlsx_sheets`),
so the read and the check share the machine's cores instead of following each other. calamine
builds a dense grid up to a sheet's last cell: until the check has passed, a hostile sheet may
make it ask for terabytes, which here only ends this process (it runs under a memory limit).

    python -I fastexcel_child.py WORKBOOK OUT_FOLDER MAX_BYTES

Each sheet is written as Arrow IPC (every cell as text, no header row) to OUT_FOLDER/<k>.arrow;
one JSON object goes to stdout: ``{"sheets": [{"name": …, "file": … or null}, …]}``, a sheet
fastexcel could not read having no file, or ``{"failed": true}`` when the workbook would not
open. It imports nothing from `kpi` (it runs as a plain script, in isolated mode).
"""

from __future__ import annotations

import json
import os
import sys
from typing import Any


def _limit_memory(max_bytes: int) -> None:
    """Cap this process's address space (never above a hard limit set from outside)."""
    try:
        import resource
    except ImportError:  # Windows: no address-space limit; the parent's checks still apply
        return
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        max_bytes = min(max_bytes, hard)
    resource.setrlimit(resource.RLIMIT_AS, (max_bytes, hard))


def read(workbook: str, out: str) -> dict[str, Any]:
    """Write every sheet's cells as Arrow files into `out`; what was written, sheet by sheet."""
    import fastexcel
    import pyarrow as pa

    try:
        reader = fastexcel.read_excel(workbook)
        names = list(reader.sheet_names)
    except BaseException:  # calamine's errors and Rust panics alike: the parent reads carefully
        return {"failed": True}
    sheets = []
    for k, name in enumerate(names):
        path = os.path.join(out, f"{k}.arrow")
        try:
            batch = reader.load_sheet(name, header_row=None, dtypes="string").to_arrow()
            with pa.OSFile(path, "wb") as sink, pa.ipc.new_file(sink, batch.schema) as writer:
                writer.write(batch)
        except BaseException:
            sheets.append({"name": name, "file": None})
            continue
        sheets.append({"name": name, "file": path})
    return {"sheets": sheets}


def main() -> None:
    """Read the workbook named on the command line under the memory limit."""
    workbook, out, max_bytes = sys.argv[1], sys.argv[2], int(sys.argv[3])
    _limit_memory(max_bytes)
    json.dump(read(workbook, out), sys.stdout)


if __name__ == "__main__":
    main()
