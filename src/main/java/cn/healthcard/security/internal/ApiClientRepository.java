package cn.healthcard.security.internal;

import org.springframework.data.jpa.repository.JpaRepository;

interface ApiClientRepository extends JpaRepository<ApiClient, String> {

    boolean existsByDemoTrue();
}
