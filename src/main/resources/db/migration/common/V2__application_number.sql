-- Readable application numbers: SQ + region + date + serial (see issuance ApplicationNumbers).
CREATE SEQUENCE application_no_seq START WITH 1 INCREMENT BY 1;
