-- Oracle twin of common/V17__crypto_device_keys.sql (issue #10 defect 7, decision 011): the software crypto device's
-- keys in the database, one store for every node.
CREATE TABLE crypto_device_store (
    id               NUMBER(10)        NOT NULL PRIMARY KEY,
    format           VARCHAR2(64 CHAR) NOT NULL,
    format_version   NUMBER(10)        NOT NULL,
    master_key_check CHAR(16 CHAR)     NOT NULL,
    revision         NUMBER(19)        NOT NULL
);

CREATE TABLE crypto_device_key (
    key_label   VARCHAR2(64 CHAR)  NOT NULL,
    key_version NUMBER(10)         NOT NULL,
    key_type    VARCHAR2(8 CHAR)   NOT NULL,
    key_usage   VARCHAR2(16 CHAR)  NOT NULL,
    key_state   VARCHAR2(16 CHAR)  NOT NULL,
    origin      VARCHAR2(16 CHAR)  NOT NULL,
    created     VARCHAR2(40 CHAR)  NOT NULL,
    check_value VARCHAR2(16 CHAR)  NOT NULL,
    public_key  VARCHAR2(130 CHAR),
    material    VARCHAR2(200 CHAR),
    row_mac     CHAR(64 CHAR)      NOT NULL,
    PRIMARY KEY (key_label, key_version)
);
