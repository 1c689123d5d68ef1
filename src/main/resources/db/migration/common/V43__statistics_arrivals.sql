-- SUP-02 "issued" and "unsigned" from the rollup (issue #16 "Speed", decision 040 amended).

-- ARRIVED: the application cards that reached their desk (received into stock at the desk: the China day of the
-- receipt; an instant card in stock at its desk: the day it was made), per day, card region and desk; the same
-- definition as FlowQueries.arrivals and StatDeltas
INSERT INTO stat_day (kind, stat_date, region_code, institution_code, dim1, dim2, n)
SELECT 'ARRIVED', x.d, x.region_code, x.institution_code, '-', '-', COUNT(*)
FROM (SELECT CAST(sh.received_at + INTERVAL '8' HOUR AS DATE) d, c.region_code, c.institution_code,
             CASE WHEN a.card_no = c.card_no THEN CAST(a.picked_up_at + INTERVAL '8' HOUR AS DATE) END p
      FROM shipment sh JOIN stock_item si ON si.shipment_no = sh.shipment_no
           JOIN card c ON c.card_no = si.card_no JOIN card_application a ON a.id = c.application_id
      WHERE sh.received_at IS NOT NULL AND si.place_code = si.desk_code AND si.status IN ('IN_STOCK', 'ISSUED')
      UNION ALL
      SELECT CAST(c.produced_at + INTERVAL '8' HOUR AS DATE) d, c.region_code, c.institution_code,
             CASE WHEN a.card_no = c.card_no THEN CAST(a.picked_up_at + INTERVAL '8' HOUR AS DATE) END p
      FROM card c JOIN stock_item si ON si.card_no = c.card_no AND si.shipment_no IS NULL
           JOIN card_application a ON a.id = c.application_id
      WHERE c.produced_at IS NOT NULL AND si.place_code = si.desk_code AND si.status IN ('IN_STOCK', 'ISSUED')) x
GROUP BY x.d, x.region_code, x.institution_code;

-- ARRIVED_PICKED: of those, the ones signed for (this card picked up), per arrival day, with dim1 = the China day of
-- the pick-up (yyyy-MM-dd) and dim2 = '-' followed by the periods the pick-up shares with the arrival (D day,
-- W ISO week, M month): unsigned(period) = ARRIVED in the period minus ARRIVED_PICKED of the period whose dim2 names
-- the granularity and whose dim1 is on or before the range's last day
INSERT INTO stat_day (kind, stat_date, region_code, institution_code, dim1, dim2, n)
SELECT 'ARRIVED_PICKED', x.d, x.region_code, x.institution_code, TO_CHAR(x.p, 'YYYY-MM-DD'),
       '-' || CASE WHEN x.p = x.d THEN 'D' ELSE '' END
             || CASE WHEN TO_CHAR(x.p, 'IYYY-IW') = TO_CHAR(x.d, 'IYYY-IW') THEN 'W' ELSE '' END
             || CASE WHEN TO_CHAR(x.p, 'YYYY-MM') = TO_CHAR(x.d, 'YYYY-MM') THEN 'M' ELSE '' END,
       COUNT(*)
FROM (SELECT CAST(sh.received_at + INTERVAL '8' HOUR AS DATE) d, c.region_code, c.institution_code,
             CASE WHEN a.card_no = c.card_no THEN CAST(a.picked_up_at + INTERVAL '8' HOUR AS DATE) END p
      FROM shipment sh JOIN stock_item si ON si.shipment_no = sh.shipment_no
           JOIN card c ON c.card_no = si.card_no JOIN card_application a ON a.id = c.application_id
      WHERE sh.received_at IS NOT NULL AND si.place_code = si.desk_code AND si.status IN ('IN_STOCK', 'ISSUED')
      UNION ALL
      SELECT CAST(c.produced_at + INTERVAL '8' HOUR AS DATE) d, c.region_code, c.institution_code,
             CASE WHEN a.card_no = c.card_no THEN CAST(a.picked_up_at + INTERVAL '8' HOUR AS DATE) END p
      FROM card c JOIN stock_item si ON si.card_no = c.card_no AND si.shipment_no IS NULL
           JOIN card_application a ON a.id = c.application_id
      WHERE c.produced_at IS NOT NULL AND si.place_code = si.desk_code AND si.status IN ('IN_STOCK', 'ISSUED')) x
WHERE x.p IS NOT NULL
GROUP BY x.d, x.region_code, x.institution_code, x.p;

-- the reads range over (kind, region_code, stat_date) and sum n per institution, dim1 and dim2: V41's
-- ix_stat_day_read (kind, region_code, stat_date, institution_code, dim1, dim2, n) serves them index-only
