package cn.healthcard.ehc.internal;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.Optional;

public interface EhcAccountRepository extends JpaRepository<EhcAccount, String> {
    Optional<EhcAccount> findByMasterIndexId(String masterIndexId);

    Optional<EhcAccount> findFirstByCardNo(String cardNo);
}
