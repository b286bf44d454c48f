"""What is not a grouped aggregate of the catalog: rankings, text features, funnels, heatmaps.
Pure functions over a session's DuckDB connection; aggregation happens in SQL."""
