SELECT
  frame.__period_start AS period_start,
  frame.platform,
  agg.impressions__num,
  agg.impressions__covers,
  agg.engagement_rate__num,
  agg.engagement_rate__den,
  agg.engagement_rate__covers,
  agg.engagement_rate__present,
  agg.avg_clicks_per_post__num,
  agg.avg_clicks_per_post__den,
  agg.avg_clicks_per_post__covers,
  agg.avg_clicks_per_post__present
FROM (
  SELECT
    spine.__period_start,
    keys.platform
  FROM (
    SELECT
      GREATEST(CAST(d AS DATE), CAST('2026-01-01' AS DATE)) AS __period_start
    FROM UNNEST(GENERATE_SERIES(
      CAST(CAST('2025-12-29' AS DATE) AS TIMESTAMP),
      CAST(CAST('2026-01-31' AS DATE) AS TIMESTAMP),
      INTERVAL '7' DAY
    )) AS series(d)
  ) AS spine
  CROSS JOIN (
    SELECT DISTINCT
      platform
    FROM (
      SELECT
        *,
        GREATEST(CAST(DATE_TRUNC('WEEK', published_at) AS DATE), CAST('2026-01-01' AS DATE)) AS __period_start
      FROM posts
      WHERE
        CAST(published_at AS DATE) >= CAST('2026-01-01' AS DATE)
        AND CAST(published_at AS DATE) < CAST('2026-02-01' AS DATE)
    ) AS rows
  ) AS keys
) AS frame
LEFT JOIN (
  SELECT
    __period_start,
    platform,
    SUM(impressions) AS impressions__num,
    LISTAGG(DISTINCT platform, ', '
    ORDER BY
      platform) FILTER(WHERE
      NOT impressions IS NULL) AS impressions__covers,
    SUM(COALESCE(likes, 0) + COALESCE(comments, 0) + COALESCE(shares, 0)) FILTER(WHERE
      NOT impressions IS NULL
      AND (
        NOT shares IS NULL OR NOT likes IS NULL OR NOT comments IS NULL
      )) AS engagement_rate__num,
    SUM(impressions) FILTER(WHERE
      NOT impressions IS NULL
      AND (
        NOT shares IS NULL OR NOT likes IS NULL OR NOT comments IS NULL
      )) AS engagement_rate__den,
    LISTAGG(DISTINCT platform, ', '
    ORDER BY
      platform) FILTER(WHERE
      NOT impressions IS NULL
      AND (
        NOT shares IS NULL OR NOT likes IS NULL OR NOT comments IS NULL
      )) AS engagement_rate__covers,
    LISTAGG(DISTINCT platform, ', '
    ORDER BY
      platform) AS engagement_rate__present,
    SUM(clicks) FILTER(WHERE
      NOT clicks IS NULL) AS avg_clicks_per_post__num,
    COUNT(*) FILTER(WHERE
      NOT clicks IS NULL) AS avg_clicks_per_post__den,
    LISTAGG(DISTINCT platform, ', '
    ORDER BY
      platform) FILTER(WHERE
      NOT clicks IS NULL) AS avg_clicks_per_post__covers,
    LISTAGG(DISTINCT platform, ', '
    ORDER BY
      platform) AS avg_clicks_per_post__present
  FROM (
    SELECT
      *,
      GREATEST(CAST(DATE_TRUNC('WEEK', published_at) AS DATE), CAST('2026-01-01' AS DATE)) AS __period_start
    FROM posts
    WHERE
      CAST(published_at AS DATE) >= CAST('2026-01-01' AS DATE)
      AND CAST(published_at AS DATE) < CAST('2026-02-01' AS DATE)
  ) AS rows
  GROUP BY
    __period_start,
    platform
) AS agg
  ON agg.__period_start = frame.__period_start
  AND agg.platform IS NOT DISTINCT FROM frame.platform
ORDER BY
  frame.__period_start,
  frame.platform
