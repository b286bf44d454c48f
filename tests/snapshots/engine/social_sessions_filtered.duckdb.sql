SELECT
  frame.__period_start AS period_start,
  agg.sessions__num,
  agg.social_sessions__num
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
    SUM(sessions) AS sessions__num,
    SUM(sessions) FILTER(WHERE
      LOWER(COALESCE(channel_group, '')) LIKE '%social%'
      OR LOWER(COALESCE(medium, '')) IN ('social', 'social-network', 'social-media', 'sm')) AS social_sessions__num
  FROM (
    SELECT
      *
    FROM web_traffic
    JOIN (VALUES
      (CAST('2026-01-01' AS DATE), CAST('2026-01-05' AS DATE)),
      (CAST('2026-01-05' AS DATE), CAST('2026-01-12' AS DATE)),
      (CAST('2026-01-12' AS DATE), CAST('2026-01-19' AS DATE)),
      (CAST('2026-01-19' AS DATE), CAST('2026-01-26' AS DATE)),
      (CAST('2026-01-26' AS DATE), CAST('2026-02-01' AS DATE))) AS spine(__period_start, __period_end)
      ON CAST(date AS DATE) >= spine.__period_start
      AND CAST(date AS DATE) < spine.__period_end
    WHERE
      source IN ('instagram', 'facebook')
  ) AS rows
  GROUP BY
    __period_start
) AS agg
  ON agg.__period_start = frame.__period_start
ORDER BY
  frame.__period_start
