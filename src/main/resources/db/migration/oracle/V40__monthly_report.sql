-- Issue #16 (BPM-06, STAT-01, decision 037): each region's monthly statistics report; see the common variant.
CREATE SEQUENCE monthly_report_no_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE monthly_report (
    report_no       VARCHAR2(32 CHAR)    NOT NULL PRIMARY KEY,
    region_code     VARCHAR2(12 CHAR)    NOT NULL,
    report_month    VARCHAR2(7 CHAR)     NOT NULL,
    status          VARCHAR2(16 CHAR)    NOT NULL,
    generation      NUMBER(10)           NOT NULL,
    pdf             BLOB,
    pdf_sm3         VARCHAR2(64 CHAR),
    summary         VARCHAR2(1000 CHAR),
    review_comment  VARCHAR2(500 CHAR),
    reviewed_by     VARCHAR2(64 CHAR),
    opened_by       VARCHAR2(64 CHAR)    NOT NULL,
    opened_at       TIMESTAMP            NOT NULL,
    generated_at    TIMESTAMP,
    published_at    TIMESTAMP,
    published_by    VARCHAR2(64 CHAR),
    CONSTRAINT uk_monthly_report_region_month UNIQUE (region_code, report_month)
);
CREATE INDEX ix_monthly_report_month ON monthly_report (report_month, region_code);
