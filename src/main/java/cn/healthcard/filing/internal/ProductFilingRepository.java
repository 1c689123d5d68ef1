package cn.healthcard.filing.internal;

import cn.healthcard.filing.FilingStatus;
import cn.healthcard.filing.ProductType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;

import java.util.List;
import java.util.Optional;

public interface ProductFilingRepository extends JpaRepository<ProductFiling, String>,
        JpaSpecificationExecutor<ProductFiling> {

    Optional<ProductFiling> findByCaseNo(String caseNo);

    Optional<ProductFiling> findByFilingNo(String filingNo);

    List<ProductFiling> findByProductTypeAndModelIgnoreCase(ProductType type, String model);

    List<ProductFiling> findByProductTypeAndManufacturerIdAndModelIgnoreCase(ProductType type, String manufacturerId,
                                                                         String model);

    List<ProductFiling> findByManufacturerIdOrderByCreatedAtDesc(String manufacturerId);

    List<ProductFiling> findByProductTypeAndManufacturerId(ProductType type, String manufacturerId);

    /** Counts by product type and status (STAT-01): rows of {@code [ProductType, FilingStatus, Long]}. */
    @Query("select f.productType, f.status, count(f) from ProductFiling f group by f.productType, f.status")
    List<Object[]> countByTypeAndStatus();

    boolean existsByProductTypeAndManufacturerIdAndModelIgnoreCaseAndStatusIn(
            ProductType type, String manufacturerId, String model, java.util.Collection<FilingStatus> statuses);

    /** As {@link #countByTypeAndStatus()}, over filings that were published (a filing number was given). */
    @Query("select f.productType, f.status, count(f) from ProductFiling f where f.filingNo is not null"
            + " group by f.productType, f.status")
    List<Object[]> countPublishedByTypeAndStatus();

}
