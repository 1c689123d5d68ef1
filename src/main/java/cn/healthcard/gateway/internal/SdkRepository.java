package cn.healthcard.gateway.internal;

import org.springframework.data.jpa.repository.JpaRepository;

public interface SdkRepository extends JpaRepository<Sdk, String> {
}
