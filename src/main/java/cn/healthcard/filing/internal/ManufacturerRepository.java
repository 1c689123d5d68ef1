package cn.healthcard.filing.internal;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.Optional;

public interface ManufacturerRepository extends JpaRepository<Manufacturer, String> {

    Optional<Manufacturer> findByApiClientId(String apiClientId);

    boolean existsByCreditCode(String creditCode);

    Optional<Manufacturer> findByCreditCode(String creditCode);

    List<Manufacturer> findAllByOrderByNameAsc();
}
