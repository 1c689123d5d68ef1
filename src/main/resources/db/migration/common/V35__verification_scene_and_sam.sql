-- SAM usage supervision (SAM-05 4.3.5.3, decision 030 amended): e-card verifications are counted per scene and per
-- the SAM bound to the terminal at the time of the verification. The counter table gets both into its key; rows
-- counted before carry scene 'UNKNOWN' and no SAM ('-'). Rebuilt, since a primary key cannot be changed the same way
-- on every database.
CREATE TABLE ehc_verification_tally (
    count_date       DATE        NOT NULL,
    institution_code VARCHAR(32) NOT NULL,
    terminal_id      VARCHAR(64) NOT NULL,
    outcome          VARCHAR(24) NOT NULL,
    scene            VARCHAR(32) NOT NULL,
    sam_no           VARCHAR(32) NOT NULL,
    region_code      CHAR(6)     NOT NULL,
    verifications    BIGINT      NOT NULL,
    PRIMARY KEY (count_date, institution_code, terminal_id, outcome, scene, sam_no)
);
INSERT INTO ehc_verification_tally (count_date, institution_code, terminal_id, outcome, scene, sam_no, region_code,
                                    verifications)
SELECT count_date, institution_code, terminal_id, outcome, 'UNKNOWN', '-', region_code, verifications
FROM ehc_verification_count;
DROP TABLE ehc_verification_count;
ALTER TABLE ehc_verification_tally RENAME TO ehc_verification_count;
CREATE INDEX ix_ehc_verif_count_region ON ehc_verification_count (region_code, count_date);
CREATE INDEX ix_ehc_verif_count_sam ON ehc_verification_count (sam_no, count_date);

-- card uses are counted against the SAM bound at the time of the use: the binding history by terminal and time
CREATE INDEX ix_sam_binding_terminal ON sam_binding (terminal_no, done_at);
