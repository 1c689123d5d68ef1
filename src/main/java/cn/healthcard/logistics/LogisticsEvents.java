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
}
