SELECT
  frame.__period_start AS period_start,
  agg.followers__num,
  agg.followers__covers
FROM (
  SELECT
    spine.__period_start
  FROM (
    SELECT
      GREATEST(CAST(d AS DATE), CAST('2026-01-01' AS DATE)) AS __period_start
    FROM UNNEST(GENERATE_SERIES(
      CAST(CAST('2025-12-29' AS DATE) AS TIMESTAMP),
      CAST(CAST('2026-01-31' AS DATE) AS TIMESTAMP),
      INTERVAL '7' DAY
    )) AS series(d)
  ) AS spine
) AS frame
LEFT JOIN (
  SELECT
    __period_start,
    SUM(followers) AS followers__num,
    LISTAGG(DISTINCT platform, ', '
    ORDER BY
      platform) FILTER(WHERE
      NOT followers IS NULL) AS followers__covers
  FROM (
    SELECT
      *
    FROM (
      SELECT
        *,
        MAX(CAST(date AS DATE)) OVER (PARTITION BY __period_start) AS __level_day
      FROM (
        SELECT
          *,
          GREATEST(CAST(DATE_TRUNC('WEEK', date) AS DATE), CAST('2026-01-01' AS DATE)) AS __period_start
        FROM account_daily
        WHERE
          CAST(date AS DATE) >= CAST('2026-01-01' AS DATE)
          AND CAST(date AS DATE) < CAST('2026-02-01' AS DATE)
      ) AS marked_rows
    ) AS level_rows
    WHERE
      CAST(date AS DATE) = __level_day
  ) AS rows
  GROUP BY
    __period_start
) AS agg
  ON agg.__period_start = frame.__period_start
ORDER BY
  frame.__period_start
