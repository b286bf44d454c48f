SELECT
  frame.__period_start AS period_start,
  agg.sessions__num,
  agg.social_sessions__num
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
    SUM(sessions) AS sessions__num,
    SUM(sessions) FILTER(WHERE
      LOWER(COALESCE(channel_group, '')) LIKE '%social%'
      OR LOWER(COALESCE(medium, '')) IN ('social', 'social-network', 'social-media', 'sm')) AS social_sessions__num
  FROM (
    SELECT
      *,
      GREATEST(CAST(DATE_TRUNC('WEEK', date) AS DATE), CAST('2026-01-01' AS DATE)) AS __period_start
    FROM web_traffic
    WHERE
      (
        (
          (
            CAST(date AS DATE) >= CAST('2026-01-01' AS DATE)
            AND CAST(date AS DATE) < CAST('2026-02-01' AS DATE)
          )
          AND COALESCE(date_end, CAST(date AS DATE)) < CAST('2026-02-01' AS DATE)
        )
        AND CAST(DATE_TRUNC('WEEK', CAST(date AS DATE)) AS DATE) = CAST(DATE_TRUNC('WEEK', COALESCE(date_end, CAST(date AS DATE))) AS DATE)
      )
      AND source IN ('instagram', 'facebook')
  ) AS rows
  GROUP BY
    __period_start
) AS agg
  ON agg.__period_start = frame.__period_start
ORDER BY
  frame.__period_start
