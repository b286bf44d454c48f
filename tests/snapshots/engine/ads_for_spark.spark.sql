SELECT
  frame.__period_start AS period_start,
  frame.campaign,
  agg.spend__num,
  agg.spend__covers,
  agg.roas__num,
  agg.roas__den,
  agg.roas__covers,
  agg.roas__present,
  agg.roi__num,
  agg.roi__den,
  agg.roi__covers,
  agg.roi__present
FROM (
  SELECT
    spine.__period_start,
    keys.campaign
  FROM (
    SELECT
      GREATEST(CAST(d AS DATE), CAST('2026-01-01' AS DATE)) AS __period_start
    FROM EXPLODE(
      SEQUENCE(
        CAST(CAST('2025-12-29' AS DATE) AS TIMESTAMP),
        CAST(CAST('2026-01-31' AS DATE) AS TIMESTAMP),
        INTERVAL '7' DAY
      )
    ) AS series(d)
  ) AS spine
  CROSS JOIN (
    SELECT DISTINCT
      campaign
    FROM (
      SELECT
        *,
        GREATEST(CAST(TRUNC(date, 'WEEK') AS DATE), CAST('2026-01-01' AS DATE)) AS __period_start
      FROM ads
      WHERE
        (
          (
            CAST(date AS DATE) >= CAST('2026-01-01' AS DATE)
            AND CAST(date AS DATE) < CAST('2026-02-01' AS DATE)
          )
          AND COALESCE(date_end, CAST(date AS DATE)) < CAST('2026-02-01' AS DATE)
        )
        AND CAST(TRUNC(CAST(date AS DATE), 'WEEK') AS DATE) = CAST(TRUNC(COALESCE(date_end, CAST(date AS DATE)), 'WEEK') AS DATE)
    ) AS rows
  ) AS keys
) AS frame
LEFT JOIN (
  SELECT
    __period_start,
    campaign,
    SUM(spend) AS spend__num,
    LISTAGG(DISTINCT platform, ', ') WITHIN GROUP (ORDER BY
      platform NULLS LAST) FILTER(WHERE
      NOT spend IS NULL) AS spend__covers,
    SUM(conversion_value) FILTER(WHERE
      NOT conversion_value IS NULL AND NOT spend IS NULL) AS roas__num,
    SUM(spend) FILTER(WHERE
      NOT conversion_value IS NULL AND NOT spend IS NULL) AS roas__den,
    LISTAGG(DISTINCT platform, ', ') WITHIN GROUP (ORDER BY
      platform NULLS LAST) FILTER(WHERE
      NOT conversion_value IS NULL AND NOT spend IS NULL) AS roas__covers,
    LISTAGG(DISTINCT platform, ', ') WITHIN GROUP (ORDER BY
      platform NULLS LAST) AS roas__present,
    SUM(conversion_value) FILTER(WHERE
      NOT conversion_value IS NULL AND NOT spend IS NULL) - SUM(spend) FILTER(WHERE
      NOT conversion_value IS NULL AND NOT spend IS NULL) AS roi__num,
    SUM(spend) FILTER(WHERE
      NOT conversion_value IS NULL AND NOT spend IS NULL) AS roi__den,
    LISTAGG(DISTINCT platform, ', ') WITHIN GROUP (ORDER BY
      platform NULLS LAST) FILTER(WHERE
      NOT conversion_value IS NULL AND NOT spend IS NULL) AS roi__covers,
    LISTAGG(DISTINCT platform, ', ') WITHIN GROUP (ORDER BY
      platform NULLS LAST) AS roi__present
  FROM (
    SELECT
      *,
      GREATEST(CAST(TRUNC(date, 'WEEK') AS DATE), CAST('2026-01-01' AS DATE)) AS __period_start
    FROM ads
    WHERE
      (
        (
          CAST(date AS DATE) >= CAST('2026-01-01' AS DATE)
          AND CAST(date AS DATE) < CAST('2026-02-01' AS DATE)
        )
        AND COALESCE(date_end, CAST(date AS DATE)) < CAST('2026-02-01' AS DATE)
      )
      AND CAST(TRUNC(CAST(date AS DATE), 'WEEK') AS DATE) = CAST(TRUNC(COALESCE(date_end, CAST(date AS DATE)), 'WEEK') AS DATE)
  ) AS rows
  GROUP BY
    __period_start,
    campaign
) AS agg
  ON agg.__period_start = frame.__period_start
  AND agg.campaign IS NOT DISTINCT FROM frame.campaign
ORDER BY
  frame.__period_start,
  frame.campaign
