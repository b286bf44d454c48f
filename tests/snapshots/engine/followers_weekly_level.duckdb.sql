SELECT
  frame.__period_start AS period_start,
  agg.followers__num,
  agg.followers__covers
FROM (
  SELECT
    spine.__period_start
  FROM (VALUES
    (CAST('2026-01-01' AS DATE), CAST('2026-01-05' AS DATE)),
    (CAST('2026-01-05' AS DATE), CAST('2026-01-12' AS DATE)),
    (CAST('2026-01-12' AS DATE), CAST('2026-01-19' AS DATE)),
    (CAST('2026-01-19' AS DATE), CAST('2026-01-26' AS DATE)),
    (CAST('2026-01-26' AS DATE), CAST('2026-02-01' AS DATE))) AS spine(__period_start, __period_end)
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
