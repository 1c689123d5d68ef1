package cn.healthcard.logistics.internal;

import cn.healthcard.logistics.StockStatus;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

import java.util.Collection;
import java.util.List;

public interface StockItemRepository extends JpaRepository<StockItem, String>, JpaSpecificationExecutor<StockItem> {

    List<StockItem> findByShipmentNoOrderByCardNo(String shipmentNo);

    List<StockItem> findByItemKindAndPlaceCodeAndStatusAndDeskCodeOrderByCardNo(
            cn.healthcard.logistics.ItemKind kind, String placeCode, StockStatus status, String deskCode);

    List<StockItem> findByItemKindAndPlaceCodeAndStatusAndDeskCodeAndBatchNoOrderByCardNo(
            cn.healthcard.logistics.ItemKind kind, String placeCode, StockStatus status, String deskCode,
            String batchNo);

    List<StockItem> findByItemKindAndPlaceCodeAndStatusOrderByCardNo(cn.healthcard.logistics.ItemKind kind,
                                                                    String placeCode, StockStatus status);

    List<StockItem> findByItemKindAndPlaceCodeAndStatusAndBatchNoOrderByCardNo(
            cn.healthcard.logistics.ItemKind kind, String placeCode, StockStatus status, String batchNo);

    List<StockItem> findByCardNoIn(Collection<String> cardNos);

    /** Card stock per place and status within a region prefix: place, status, count (SAM cards not counted). */
    @Query("select s.placeCode, s.status, count(s) from StockItem s where s.placeRegion like concat(:prefix, '%') "
            + "and s.itemKind = cn.healthcard.logistics.ItemKind.CARD "
            + "group by s.placeCode, s.status order by s.placeCode, s.status")
    List<Object[]> summary(String prefix);

    /** Card stock per status at one place: place, status, count. */
    @Query("select s.placeCode, s.status, count(s) from StockItem s where s.placeCode = :placeCode "
            + "and s.itemKind = cn.healthcard.logistics.ItemKind.CARD "
            + "group by s.placeCode, s.status order by s.placeCode, s.status")
    List<Object[]> summaryAt(String placeCode);
}
