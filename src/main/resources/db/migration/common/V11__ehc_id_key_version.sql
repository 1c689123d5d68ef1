-- Which key made an e-card ID (decision 017): the label and version of the application-data-read key of the hierarchy
-- (hc.app-data-read.<province>) whose current version computed it. Accounts opened before this migration were made
-- under the flat device key ehc.app-data-read of decision 011, in a version that was not recorded (NULL).
ALTER TABLE ehc_account ADD COLUMN id_key_label VARCHAR(64);
ALTER TABLE ehc_account ADD COLUMN id_key_version INTEGER;
UPDATE ehc_account SET id_key_label = 'ehc.app-data-read';
ALTER TABLE ehc_account ALTER COLUMN id_key_label SET NOT NULL;
