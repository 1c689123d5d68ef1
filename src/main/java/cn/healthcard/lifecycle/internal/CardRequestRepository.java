package cn.healthcard.lifecycle.internal;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

public interface CardRequestRepository extends JpaRepository<CardRequest, String> {
    List<CardRequest> findByCardNoOrderByCreatedAtAsc(String cardNo);
}
