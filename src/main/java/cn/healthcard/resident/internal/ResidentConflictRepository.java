package cn.healthcard.resident.internal;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ResidentConflictRepository extends JpaRepository<ResidentConflict, String> {

    /** Whether the resident has a case that is not decided yet. */
    boolean existsByOpenResidentId(String residentId);
}
