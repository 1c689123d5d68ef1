-- Issue #16 (BPM-06, STAT-01, decision 037): each region's monthly statistics report (processes/monthly-report.bpmn).
-- One row per registration centre's region and China month: the unique key makes the timer's (or an admin's) repeated
-- open harmless. The PDF is kept with its SM3; status OPEN (being generated), REVIEW (waiting for the region's
-- supervisor), PUBLISHED (listed for everyone in scope). generation counts the renderings (a send-back renders anew);
-- review_comment is the last send-back's comment, printed as a note on the next rendering.
CREATE SEQUENCE monthly_report_no_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE monthly_report (
    report_no       VARCHAR(32)   NOT NULL PRIMARY KEY,
    region_code     VARCHAR(12)   NOT NULL,
    report_month    VARCHAR(7)    NOT NULL,
    status          VARCHAR(16)   NOT NULL,
    generation      INTEGER       NOT NULL,
    pdf             BYTEA,
    pdf_sm3         VARCHAR(64),
    summary         VARCHAR(1000),
    review_comment  VARCHAR(500),
    reviewed_by     VARCHAR(64),
    opened_by       VARCHAR(64)   NOT NULL,
    opened_at       TIMESTAMP     NOT NULL,
    generated_at    TIMESTAMP,
    published_at    TIMESTAMP,
    published_by    VARCHAR(64),
    CONSTRAINT uk_monthly_report_region_month UNIQUE (region_code, report_month)
);
CREATE INDEX ix_monthly_report_month ON monthly_report (report_month, region_code);
