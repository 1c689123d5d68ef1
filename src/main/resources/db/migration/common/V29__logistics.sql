-- Shipments, warehouse and stock (物流与库房, issue #13, APP-09..11, PER-13; decision 029).
-- A stock item per card: where it is (maker, centre or desk: an institution code) and in which state. Created when a
-- batch is sealed (at the maker, with its box) or when a card is made (an instant card is at its desk at once).
-- Stock moves only through shipments and warehouse in/out; "version" makes two keepers moving one box collide (409).
CREATE TABLE stock_item (
    card_no       VARCHAR(32)  NOT NULL PRIMARY KEY,
    case_id       VARCHAR(64),
    batch_no      VARCHAR(32),
    box_no        VARCHAR(32),
    desk_code     VARCHAR(32),
    place_code    VARCHAR(32)  NOT NULL,
    place_region  CHAR(6)      NOT NULL,
    status        VARCHAR(16)  NOT NULL,
    shipment_no   VARCHAR(32),
    updated_by    VARCHAR(64)  NOT NULL,
    updated_at    TIMESTAMP    NOT NULL,
    version       BIGINT       NOT NULL
);
CREATE INDEX ix_stock_item_place ON stock_item (place_code, status);
CREATE INDEX ix_stock_item_batch ON stock_item (batch_no, box_no);
CREATE INDEX ix_stock_item_region ON stock_item (place_region);

-- A shipment from a card maker to a centre (one sealed batch) or from a centre to a desk (one warehouse-out), with its
-- logistics status (APP-11): waybill, courier or delivery person, expected and actual dates.
CREATE TABLE shipment (
    id                  VARCHAR(36)  NOT NULL PRIMARY KEY,
    shipment_no         VARCHAR(32)  NOT NULL,
    kind                VARCHAR(16)  NOT NULL,
    batch_no            VARCHAR(32),
    -- the batch of a maker → centre shipment only: one such shipment per sealed batch, even under redelivery
    sealed_batch_no     VARCHAR(32),
    sender_code         VARCHAR(32)  NOT NULL,
    sender_region       CHAR(6)      NOT NULL,
    receiver_code       VARCHAR(32)  NOT NULL,
    receiver_region     CHAR(6)      NOT NULL,
    status              VARCHAR(16)  NOT NULL,
    card_count          INTEGER      NOT NULL,
    waybill_no          VARCHAR(40),
    carrier             VARCHAR(50),
    expected_date       DATE,
    dispatched_by       VARCHAR(64),
    dispatched_at       TIMESTAMP,
    delivered_to        VARCHAR(64),
    delivered_at        TIMESTAMP,
    counted_by          VARCHAR(64),
    counted_at          TIMESTAMP,
    received_count      INTEGER,
    count_note          VARCHAR(500),
    resolution          VARCHAR(500),
    replacement_cards   BOOLEAN DEFAULT FALSE NOT NULL,
    resolved_by         VARCHAR(64),
    received_at         TIMESTAMP,
    process_instance_id VARCHAR(64),
    created_by          VARCHAR(64)  NOT NULL,
    created_at          TIMESTAMP    NOT NULL,
    version             BIGINT       NOT NULL,
    CONSTRAINT uk_shipment_no UNIQUE (shipment_no),
    CONSTRAINT uk_shipment_sealed_batch UNIQUE (sealed_batch_no)
);
CREATE INDEX ix_shipment_receiver ON shipment (receiver_region, status);
CREATE INDEX ix_shipment_sender ON shipment (sender_region);
CREATE INDEX ix_shipment_batch ON shipment (batch_no);

-- The boxes of a shipment with their seals and card ranges; at the count each is RECEIVED, DAMAGED or MISSING.
CREATE TABLE shipment_box (
    shipment_id   VARCHAR(36)  NOT NULL REFERENCES shipment (id),
    box_no        VARCHAR(32)  NOT NULL,
    seal_no       VARCHAR(32),
    first_card    VARCHAR(32)  NOT NULL,
    last_card     VARCHAR(32)  NOT NULL,
    card_count    INTEGER      NOT NULL,
    status        VARCHAR(16)  NOT NULL,
    CONSTRAINT pk_shipment_box PRIMARY KEY (shipment_id, box_no)
);

-- Who may receive deliveries for an institution (PER-13): user accounts of that institution.
CREATE TABLE authorised_receiver (
    institution_code VARCHAR(32)  NOT NULL,
    username         VARCHAR(64)  NOT NULL,
    granted_by       VARCHAR(64)  NOT NULL,
    granted_at       TIMESTAMP    NOT NULL,
    CONSTRAINT pk_authorised_receiver PRIMARY KEY (institution_code, username)
);

-- Warehouse in and out (入库 / 出库, APP-09, APP-10): quantity, batch, card number ranges, responsible unit and person.
CREATE TABLE warehouse_movement (
    id                 VARCHAR(36)  NOT NULL PRIMARY KEY,
    movement_no        VARCHAR(32)  NOT NULL,
    direction          VARCHAR(8)   NOT NULL,
    institution_code   VARCHAR(32)  NOT NULL,
    region_code        CHAR(6)      NOT NULL,
    shipment_no        VARCHAR(32)  NOT NULL,
    batch_no           VARCHAR(32),
    quantity           INTEGER      NOT NULL,
    card_ranges        VARCHAR(2000) NOT NULL,
    responsible_unit   VARCHAR(32)  NOT NULL,
    responsible_person VARCHAR(64)  NOT NULL,
    created_at         TIMESTAMP    NOT NULL,
    CONSTRAINT uk_warehouse_movement_no UNIQUE (movement_no)
);
CREATE INDEX ix_warehouse_movement_region ON warehouse_movement (region_code);

CREATE SEQUENCE shipment_no_seq START WITH 1 INCREMENT BY 1;
CREATE SEQUENCE warehouse_movement_no_seq START WITH 1 INCREMENT BY 1;

-- The production events logistics follows (BatchSealed, CardProductionCompleted), kept in the publisher's transaction
-- and handled after its commit in their own transaction: a failure here never rolls back the sender, and an event not
-- yet handled (done_at null) is retried until it is.
CREATE TABLE logistics_inbox (
    id           VARCHAR(36)  NOT NULL PRIMARY KEY,
    event_type   VARCHAR(32)  NOT NULL,
    event_key    VARCHAR(64)  NOT NULL,
    payload      TEXT      NOT NULL,
    received_at  TIMESTAMP    NOT NULL,
    attempts     INTEGER      NOT NULL,
    last_error   VARCHAR(500),
    done_at      TIMESTAMP,
    version      BIGINT   NOT NULL
);
CREATE INDEX ix_logistics_inbox_open ON logistics_inbox (done_at, received_at);

-- Cards already waiting for pick-up when this version is deployed have no stock record yet: they are in stock at the
-- desk that handles their application (待领卡) or replacement (补换, approved, new card made), so their pick-up goes on.
INSERT INTO stock_item (card_no, case_id, batch_no, box_no, desk_code, place_code, place_region, status, shipment_no,
                        updated_by, updated_at, version)
SELECT c.card_no, a.id, NULL, NULL, a.institution_code, a.institution_code, i.region_code, 'IN_STOCK', NULL,
       'SYSTEM', CURRENT_TIMESTAMP, 0
FROM card c
JOIN card_application a ON a.id = c.application_id AND a.card_no = c.card_no
JOIN institution i ON i.code = a.institution_code
WHERE c.status = 'READY' AND a.status = 'READY';

INSERT INTO stock_item (card_no, case_id, batch_no, box_no, desk_code, place_code, place_region, status, shipment_no,
                        updated_by, updated_at, version)
SELECT c.card_no, r.id, NULL, NULL, r.institution_code, r.institution_code, i.region_code, 'IN_STOCK', NULL,
       'SYSTEM', CURRENT_TIMESTAMP, 0
FROM card_request r
JOIN card c ON c.card_no = r.new_card_no
JOIN institution i ON i.code = r.institution_code
WHERE r.request_type = 'REPLACEMENT' AND r.status = 'APPROVED' AND c.status = 'READY'
  AND NOT EXISTS (SELECT 1 FROM stock_item s WHERE s.card_no = c.card_no);
