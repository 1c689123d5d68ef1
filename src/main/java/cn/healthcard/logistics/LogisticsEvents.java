package cn.healthcard.logistics;

import cn.healthcard.common.AuditableEvent;

/** Audited steps of shipments, warehouse and stock (APP-09…11, PER-13). */
public final class LogisticsEvents {

    private LogisticsEvents() {
    }

    /** A shipment step: the subject is the shipment, the case reference its number (the process business key). */
    public interface ShipmentEvent extends AuditableEvent {
        String shipmentNo();

        @Override
        default String subjectType() {
            return "Shipment";
        }

        @Override
        default String subjectId() {
            return shipmentNo();
        }

        @Override
        default String caseRef() {
            return shipmentNo();
        }
    }

    public record ShipmentCreated(String shipmentNo, String regionCode, ShipmentKind kind, String sender,
                                  String receiver, String batchNo, int cards) implements ShipmentEvent {
        public String detail() {
            return kind.nameZh() + " " + sender + "→" + receiver + (batchNo == null ? "" : " 批次 " + batchNo)
                    + " " + cards + " 张";
        }
    }

    public record ShipmentDispatched(String shipmentNo, String regionCode, String waybillNo, String carrier,
                                     String expectedDate) implements ShipmentEvent {
        public String detail() {
            return "运单号 " + waybillNo + "，承运人 " + carrier + "，预计送达 " + expectedDate;
        }
    }

    public record ShipmentDelivered(String shipmentNo, String regionCode, String receiver) implements ShipmentEvent {
        public String detail() {
            return "交付授权接收人 " + receiver;
        }
    }

    /** PER-13: someone not authorised for the destination tried to take the delivery; it stays undelivered. */
    public record ShipmentReceiverRefused(String shipmentNo, String regionCode, String person, String destination)
            implements ShipmentEvent {
        public String detail() {
            return person + " 不是 " + destination + " 的授权接收人，拒绝交付";
        }
    }

    public record ShipmentCounted(String shipmentNo, String regionCode, int expected, int received, int damagedBoxes,
                                  int missingBoxes, boolean complete) implements ShipmentEvent {
        public String detail() {
            return "应到 " + expected + " 张，实点 " + received + " 张，破损箱 " + damagedBoxes + "，缺失箱 "
                    + missingBoxes + (complete ? "，无差异" : "，有差异");
        }
    }

    public record ShipmentDiscrepancyResolved(String shipmentNo, String regionCode, int recount,
                                              boolean replacementCards, String resolution) implements ShipmentEvent {
        public String detail() {
            return "复点 " + recount + " 张" + (replacementCards ? "，补发卡片" : "") + "；" + resolution;
        }
    }

    public record ShipmentReceived(String shipmentNo, String regionCode, int inStock, int damaged, int missing)
            implements ShipmentEvent {
        public String detail() {
            return "签收入库 " + inStock + " 张，损坏 " + damaged + " 张，缺失 " + missing + " 张";
        }
    }

    /** Warehouse-in (入库) or warehouse-out (出库). */
    public record WarehouseMoved(String movementNo, String regionCode, String direction, String shipmentNo,
                                 String batchNo, int quantity, String cardRanges, String unit, String person)
            implements AuditableEvent {
        public String subjectType() {
            return "WarehouseMovement";
        }

        public String subjectId() {
            return movementNo;
        }

        public String caseRef() {
            return shipmentNo;
        }

        public String detail() {
            return ("IN".equals(direction) ? "入库 " : "出库 ") + quantity + " 张" + (batchNo == null ? ""
                    : " 批次 " + batchNo) + " 卡号 " + cardRanges + "，责任单位 " + unit + "，责任人 " + person;
        }
    }

    /** The card left stock at its desk to its holder (APP-10). */
    public record CardIssuedFromStock(String cardNo, String regionCode, String deskCode, String caseId)
            implements AuditableEvent {
        public String subjectType() {
            return "StockItem";
        }

        public String subjectId() {
            return cardNo;
        }

        public String caseRef() {
            return caseId;
        }

        public String detail() {
            return "在 " + deskCode + " 发放，出库存";
        }
    }

    /** An authorised receiver granted (or revoked) for an institution (PER-13). */
    public record ReceiverAuthorisationChanged(String institutionCode, String regionCode, String username,
                                               boolean granted) implements AuditableEvent {
        public String subjectType() {
            return "AuthorisedReceiver";
        }

        public String subjectId() {
            return institutionCode + "/" + username;
        }

        public String detail() {
            return (granted ? "授权 " : "撤销授权 ") + username + " 为 " + institutionCode + " 的接收人";
        }
    }

    /**
     * A sealed batch named a card that is already elsewhere in stock (another batch, or no longer at the maker): the
     * card was left where it is and not put into this batch's shipment.
     */
    public record StockConflict(String cardNo, String regionCode, String batchNo, String makerCode, String status,
                                String placeCode, String existingBatchNo) implements AuditableEvent {
        public String subjectType() {
            return "StockItem";
        }

        public String subjectId() {
            return cardNo;
        }

        public String caseRef() {
            return batchNo;
        }

        public String detail() {
            return "批次 " + batchNo + "（" + makerCode + "）封箱的卡片已在库存中：状态 " + status + "，位置 " + placeCode
                    + (existingBatchNo == null ? "" : "，批次 " + existingBatchNo) + "；未改动";
        }
    }

    /**
     * The discrepancy handling of a shipment agreed that the sender replaces the damaged and missing cards (PER-12):
     * their cases, for the production module to re-order and for the case notes.
     */
    public record ReplacementCardsRequested(String shipmentNo, String regionCode, String senderCode,
                                            java.util.List<String> caseIds, java.util.List<String> cardNos)
            implements ShipmentEvent {
        public ReplacementCardsRequested {
            caseIds = java.util.List.copyOf(caseIds);
            cardNos = java.util.List.copyOf(cardNos);
        }

        public String detail() {
            return "发出方 " + senderCode + " 补发 " + cardNos.size() + " 张卡片（破损或缺失），涉及业务 "
                    + String.join("、", caseIds.size() > 20 ? caseIds.subList(0, 20) : caseIds)
                    + (caseIds.size() > 20 ? " 等 " + caseIds.size() + " 件" : "");
        }
    }
}
