-- Card-status search (issue #4), Oracle twin of common/V7__card_status_search.sql.
CREATE INDEX ix_card_region_status ON card (region_code, status);
CREATE INDEX ix_card_institution ON card (institution_code);
CREATE INDEX ix_card_issued ON card (issued_at);
CREATE INDEX ix_card_updated ON card (updated_at);
