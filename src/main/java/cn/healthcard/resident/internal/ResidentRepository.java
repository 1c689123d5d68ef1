package cn.healthcard.resident.internal;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.Optional;

public interface ResidentRepository extends JpaRepository<Resident, String> {
    Optional<Resident> findByDocumentIndex(String documentIndex);
}
