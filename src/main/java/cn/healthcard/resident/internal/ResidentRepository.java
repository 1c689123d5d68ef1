package cn.healthcard.resident.internal;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.Optional;

public interface ResidentRepository extends JpaRepository<Resident, String> {
    Optional<Resident> findByDocumentIndex(String documentIndex);

    /** When each of these residents last changed: cheap (no encrypted column is read), for caches keyed by it. */
    @org.springframework.data.jpa.repository.Query("select r.id as id, r.updatedAt as updatedAt from Resident r "
            + "where r.id in :ids")
    java.util.List<Version> versionsOf(@org.springframework.data.repository.query.Param("ids")
                                       java.util.Collection<String> ids);

    /** A resident's id and the time of its last change. */
    interface Version {
        String getId();

        java.time.Instant getUpdatedAt();
    }
}
