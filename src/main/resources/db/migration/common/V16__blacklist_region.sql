-- Blacklist entries belong to a region (ORG-05): a centre manages (lists, removes, browses) the entries of its own
-- region and those below it. Eligibility checks stay national: a person listed anywhere is refused everywhere.
-- Card entries take the card's region; resident entries the region of the institution of whoever listed them, the
-- national centre when that cannot be told (only national administrators manage those).
ALTER TABLE blacklist_entry ADD COLUMN region_code CHAR(6);
UPDATE blacklist_entry SET region_code = (SELECT c.region_code FROM card c WHERE c.card_no = blacklist_entry.card_no)
 WHERE card_no IS NOT NULL;
UPDATE blacklist_entry SET region_code = (SELECT i.region_code FROM app_user u JOIN institution i
                                            ON i.code = u.institution_code WHERE u.username = blacklist_entry.added_by)
 WHERE region_code IS NULL;
UPDATE blacklist_entry SET region_code = '000000' WHERE region_code IS NULL;
ALTER TABLE blacklist_entry ALTER COLUMN region_code SET NOT NULL;
CREATE INDEX ix_blacklist_region ON blacklist_entry (region_code);
