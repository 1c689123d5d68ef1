-- Supervision statistics at a million cards (issue #16 "Speed", decision 040).

-- every rollup read ranges over kind, region and day and sums n per institution and dimensions: one index holds all
-- of it, so the read never visits the table (it replaces V38's (kind, region_code, stat_date))
DROP INDEX ix_stat_day_region;
CREATE INDEX ix_stat_day_read ON stat_day (kind, region_code, stat_date, institution_code, dim1, dim2, n);

-- APP-04 per application (kind APP_CAT): dim1 = sex|age band (the holder's age on the China day of the application),
-- dim2 = document type|channel; the same definitions as the plain query and StatDeltas
INSERT INTO stat_day (kind, stat_date, region_code, institution_code, dim1, dim2, n)
SELECT 'APP_CAT', x.d, x.region_code, x.institution_code, x.sex || '|' || x.band, x.document_type || '|' || x.channel,
       COUNT(*)
FROM (SELECT CAST(a.created_at + INTERVAL '8' HOUR AS DATE) d, a.region_code, a.institution_code,
             COALESCE(r.sex, '-') sex, COALESCE(r.document_type, '-') document_type, COALESCE(a.channel, '-') channel,
             CASE WHEN r.birth_date IS NULL THEN 'unknown'
                  WHEN r.birth_date <= (CAST(a.created_at + INTERVAL '8' HOUR AS DATE) - INTERVAL '60' YEAR) THEN '60+'
                  WHEN r.birth_date <= (CAST(a.created_at + INTERVAL '8' HOUR AS DATE) - INTERVAL '40' YEAR) THEN '40-59'
                  WHEN r.birth_date <= (CAST(a.created_at + INTERVAL '8' HOUR AS DATE) - INTERVAL '18' YEAR) THEN '18-39'
                  ELSE '0-17' END band
      FROM card_application a JOIN resident r ON r.id = a.resident_id) x
GROUP BY x.d, x.region_code, x.institution_code, x.sex, x.band, x.document_type, x.channel;

-- SUP-04 from the rollup (kinds TASK_DONE, TASK_MS, REVIEWED): AssessmentFold folds whole China days of the
-- engine's completed tasks and the audit log's reviews into stat_day up to a watermark (the first day not folded),
-- and the assessment reads the folded days plus the source rows from the watermark on; the fold starts from here
CREATE TABLE stat_watermark (
    name    VARCHAR(32) NOT NULL PRIMARY KEY,
    folded_until DATE   NOT NULL
);
INSERT INTO stat_watermark (name, folded_until) VALUES ('ASSESSMENT', DATE '2000-01-01');

-- the home dashboard (decision 040): applications and card requests waiting for review by status first, and the
-- cards reported lost this week by the status they went to (the time index alone visits every event of the week)
CREATE INDEX ix_application_status ON card_application (status, region_code);
CREATE INDEX ix_card_request_status ON card_request (status, region_code);
CREATE INDEX ix_card_event_to_status ON card_event (to_status, occurred_at, card_no);
