-- Issue #10 defect 7 (decision 011): the software crypto device keeps its keys in the database, one store for every
-- node of a deployment, instead of a keystore file per node. Portable SQL (H2 and PostgreSQL); the Oracle twin is
-- oracle/V17__crypto_device_keys.sql.

-- One row: the check value of the master key (a wrong master key is refused at start) and a revision that every change
-- of a key increments in the same transaction (a node reads it to learn that another node changed a key).
CREATE TABLE crypto_device_store (
    id               INTEGER     NOT NULL PRIMARY KEY,
    format           VARCHAR(64) NOT NULL,
    format_version   INTEGER     NOT NULL,
    master_key_check CHAR(16)    NOT NULL,
    revision         BIGINT      NOT NULL
);

-- One row per key version: metadata in the clear; the material sealed with SM4-GCM under a key derived from the master
-- key, the metadata as additional authenticated data (NULL once destroyed); an HMAC-SM3 of the whole row, state included.
-- created is the ISO-8601 instant as authenticated, kept as text so that it reads back exactly.
CREATE TABLE crypto_device_key (
    key_label   VARCHAR(64)  NOT NULL,
    key_version INTEGER      NOT NULL,
    key_type    VARCHAR(8)   NOT NULL,
    key_usage   VARCHAR(16)  NOT NULL,
    key_state   VARCHAR(16)  NOT NULL,
    origin      VARCHAR(16)  NOT NULL,
    created     VARCHAR(40)  NOT NULL,
    check_value VARCHAR(16)  NOT NULL,
    public_key  VARCHAR(130),
    material    VARCHAR(200),
    row_mac     CHAR(64)     NOT NULL,
    PRIMARY KEY (key_label, key_version)
);
