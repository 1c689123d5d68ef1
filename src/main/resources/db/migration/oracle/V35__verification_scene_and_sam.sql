-- SAM usage supervision (SAM-05 4.3.5.3, decision 030 amended): e-card verifications are counted per scene and per
-- the SAM bound to the terminal at the time of the verification. The counter table gets both into its key; rows
-- counted before carry scene 'UNKNOWN' and the SAM bound to the terminal at the end of their China day (the binding
-- history: its BIND or REBIND onto the terminal before 16:00 UTC of count_date, no later binding row of that SAM
-- before then), or no SAM ('-') when none was bound.
CREATE TABLE ehc_verification_tally (
    count_date       DATE        NOT NULL,
    institution_code VARCHAR2(32 CHAR) NOT NULL,
    terminal_id      VARCHAR2(64 CHAR) NOT NULL,
    outcome          VARCHAR2(24 CHAR) NOT NULL,
    scene            VARCHAR2(32 CHAR) NOT NULL,
    sam_no           VARCHAR2(32 CHAR) NOT NULL,
    region_code      CHAR(6 CHAR)     NOT NULL,
    verifications    NUMBER(19)      NOT NULL,
    PRIMARY KEY (count_date, institution_code, terminal_id, outcome, scene, sam_no)
);
INSERT INTO ehc_verification_tally (count_date, institution_code, terminal_id, outcome, scene, sam_no, region_code,
                                    verifications)
SELECT c.count_date, c.institution_code, c.terminal_id, c.outcome, 'UNKNOWN',
       COALESCE((SELECT MAX(b.sam_no) FROM sam_binding b
                 WHERE b.terminal_no = c.terminal_id AND b.action IN ('BIND', 'REBIND')
                   AND b.done_at < CAST(c.count_date AS TIMESTAMP) + INTERVAL '16' HOUR
                   AND NOT EXISTS (SELECT 1 FROM sam_binding n WHERE n.sam_no = b.sam_no AND n.id > b.id
                                   AND n.done_at < CAST(c.count_date AS TIMESTAMP) + INTERVAL '16' HOUR)), '-'),
       c.region_code, c.verifications
FROM ehc_verification_count c;
DROP TABLE ehc_verification_count;
ALTER TABLE ehc_verification_tally RENAME TO ehc_verification_count;
CREATE INDEX ix_ehc_verif_count_region ON ehc_verification_count (region_code, count_date);
CREATE INDEX ix_ehc_verif_count_sam ON ehc_verification_count (sam_no, count_date);

CREATE INDEX ix_sam_binding_terminal ON sam_binding (terminal_no, done_at);
