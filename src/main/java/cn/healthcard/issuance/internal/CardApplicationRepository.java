package cn.healthcard.issuance.internal;

import org.springframework.data.jpa.repository.JpaRepository;

public interface CardApplicationRepository extends JpaRepository<CardApplication, String> {
}
