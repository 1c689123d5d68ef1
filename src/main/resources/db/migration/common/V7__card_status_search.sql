-- Card-status search (issue #4, docs/decisions/009-card-status-search.md): exact counts per status and pages of cards
-- by region prefix, institution and a period on the issue date or the last status change, from the card table.
-- (region_code, status) serves the GROUP BY within a region range scan (LIKE '11%').
CREATE INDEX ix_card_region_status ON card (region_code, status);
CREATE INDEX ix_card_institution ON card (institution_code);
CREATE INDEX ix_card_issued ON card (issued_at);
CREATE INDEX ix_card_updated ON card (updated_at);
