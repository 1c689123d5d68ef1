package cn.healthcard.institution.internal;

import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

import java.util.Optional;

interface InstitutionChangeLockRepository extends Repository<InstitutionChangeLock, Integer> {

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select l from InstitutionChangeLock l where l.id = 1")
    Optional<InstitutionChangeLock> acquire();
}
