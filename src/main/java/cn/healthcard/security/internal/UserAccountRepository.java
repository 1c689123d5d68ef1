package cn.healthcard.security.internal;

import cn.healthcard.security.Role;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.List;

interface UserAccountRepository extends JpaRepository<UserAccount, String> {

    boolean existsByDemoTrue();

    @Query("select u from UserAccount u join u.roles r where u.institutionCode = ?1 and r = ?2 and u.groupLead = true and u.enabled = true order by u.username")
    List<UserAccount> findLeads(String institutionCode, Role role);

    /** The account's version while it is enabled; empty when disabled or gone (one indexed read per request). */
    @Query("select u.version from UserAccount u where u.username = ?1 and u.enabled = true")
    java.util.Optional<Long> findEnabledVersion(String username);

    /** Every account with the ADMIN role, disabled ones too (bin/admin create-first-admin: only while none exists). */
    @Query("select count(u) from UserAccount u join u.roles r where r = cn.healthcard.security.Role.ADMIN")
    long countAdmins();
}
