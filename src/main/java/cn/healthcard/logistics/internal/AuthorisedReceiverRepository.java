package cn.healthcard.logistics.internal;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.List;

public interface AuthorisedReceiverRepository extends JpaRepository<AuthorisedReceiver, AuthorisedReceiver.Key> {

    @Query("select r from AuthorisedReceiver r where r.key.institutionCode = :code order by r.key.username")
    List<AuthorisedReceiver> ofInstitution(String code);
}
