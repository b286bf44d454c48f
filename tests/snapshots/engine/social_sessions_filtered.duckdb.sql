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
