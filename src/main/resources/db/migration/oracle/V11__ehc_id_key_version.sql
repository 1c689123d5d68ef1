-- Oracle twin of common/V11__ehc_id_key_version.sql: which key made an e-card ID (decision 017). Accounts opened
-- before this migration were made under the flat device key ehc.app-data-read of decision 011, version not recorded.
ALTER TABLE ehc_account ADD (id_key_label VARCHAR2(64 CHAR), id_key_version NUMBER(10));
UPDATE ehc_account SET id_key_label = 'ehc.app-data-read';
ALTER TABLE ehc_account MODIFY (id_key_label NOT NULL);
