package cn.healthcard.filing.internal;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.Optional;

public interface ProductInUseRepository extends JpaRepository<ProductInUse, String> {

    Optional<ProductInUse> findByFilingIdAndInstitutionCode(String filingId, String institutionCode);

    /** Rows of the regions within the prefix range [from, to] (a region and those below it). */
    List<ProductInUse> findByRegionCodeBetween(String from, String to);
}
