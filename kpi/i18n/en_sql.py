"""English words of Explore's SQL tab (merged into the catalog by kpi.i18n)."""

from __future__ import annotations

TEXT: dict[str, str] = {
    "explore.tab.measures": "Measures",
    "explore.tab.sql": "SQL",
    "sql.intro": "Ask your own question in SQL. Your data cannot be changed from here; files, the network and settings are out of reach.",
    "sql.query": "Query (one SELECT)",
    "sql.example": "SELECT platform, count(*) AS posts, sum(likes) AS likes\nFROM posts\nGROUP BY platform\nORDER BY likes DESC",
    "sql.run": "Run",
    "sql.limits": "Runs for at most {seconds} seconds; the first {rows} rows (up to {megabytes} MB) are shown.",
    "sql.tables": "Tables you can query",
    "sql.no_tables": "No data loaded yet: upload exports on the Data page.",
    "sql.table_rows": "{name} · {rows} rows",
    "sql.col.column": "Column",
    "sql.col.type": "Type",
    "sql.result": "Result",
    "sql.result_caption": "{rows} rows · {columns} columns · {seconds} s",
    "sql.truncated": "Only the first {rows} rows are shown. Add a LIMIT, or aggregate with GROUP BY.",
    "sql.cut_bytes": "The answer was cut at {megabytes} MB; select fewer or shorter columns.",
    "sql.cut_cells": "Texts longer than {chars} characters are cut, ending with “…”.",
    "sql.empty": "The query returned no rows.",
    "sql.chart": "Chart",
    "sql.x": "Horizontal",
    "sql.y": "Value",
    "sql.no_chart": "Nothing to draw: a chart needs a column of numbers and one other column.",
    "sql.cannot_chart": "This result cannot be drawn: pick other columns, or cast the value to a number in the query.",
    "sql.chart_rows": "The chart draws the first {rows} rows.",
    "sql.table_name": "query result",
    "sql.chart_name": "query chart",
}
