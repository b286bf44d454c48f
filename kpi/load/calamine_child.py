"""The child process that opens XLS, XLSB and ODS workbooks for `kpi.load.excel`.

calamine reads these formats whole when the workbook is opened, and a damaged or hostile file
can make it ask for terabytes (the process aborts) or panic. Here that costs only this process,
which also runs under a memory limit. It reads the workbook from stdin and writes one JSON object
to stdout: ``{"sheets": [{"name": …, "rows": [[row number, [cells…]], …]}, …]}`` (blank rows left
out) or ``{"refused": reason, …}``.

It imports nothing from `kpi` (it runs as a plain script, in isolated mode) so it starts fast.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import sys
from typing import Any


def _limit_memory(max_bytes: int) -> None:
    """Cap this process's address space (never above a hard limit set from outside)."""
    try:
        import resource
    except ImportError:  # Windows: no address-space limit, the other checks still apply
        return
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        max_bytes = min(max_bytes, hard)
    resource.setrlimit(resource.RLIMIT_AS, (max_bytes, hard))


def _cell(value: Any) -> Any:
    """A cell as JSON: dates and times are tagged so the parent gets the same Python values."""
    if isinstance(value, dt.datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, dt.date):
        return {"$date": value.isoformat()}
    if isinstance(value, dt.time):
        return {"$time": value.isoformat()}
    if isinstance(value, dt.timedelta):
        return {"$timedelta": value.total_seconds()}
    return value


def read(data: bytes, max_columns: int, max_cells: int) -> dict[str, Any]:
    """Every sheet's non-blank rows as [row number, cells], or why the workbook is refused."""
    from python_calamine import CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:
        message = str(exc).lower()
        return {
            "refused": "password" if "password" in message or "encrypt" in message else "damaged"
        }
    sheets = []
    for name in workbook.sheet_names:
        rows: list[Any] = []
        try:
            sheet = workbook.get_sheet_by_name(name)
            start, end = sheet.start, sheet.end
            if start is not None and end is not None:
                height, width = end[0] + 1, end[1] + 1  # from A1, as the rows are read
                if width > max_columns:
                    return {"refused": "columns", "sheet": name, "columns": width}
                if height * width > max_cells:
                    return {"refused": "area", "sheet": name, "rows": height, "columns": width}
                # iter_rows starts at row 1 but at the first used column: pad back to column A.
                pad = [""] * start[1]
                for line, values in enumerate(sheet.iter_rows(), start=1):
                    if values.count(None) + values.count("") < len(values):
                        rows.append([line, [_cell(v) for v in pad + values]])
        except Exception:
            return {"refused": "sheet", "sheet": name}
        sheets.append({"name": name, "rows": rows})
    return {"sheets": sheets}


def main() -> None:
    """Read argv (column limit, cell limit, memory limit in bytes) and the workbook on stdin."""
    max_columns, max_cells, max_memory = (int(a) for a in sys.argv[1:4])
    data = sys.stdin.buffer.read()
    _limit_memory(max_memory)
    json.dump(read(data, max_columns, max_cells), sys.stdout)


if __name__ == "__main__":
    main()
