package cn.healthcard.samsupply.internal;

import org.springframework.data.jpa.repository.JpaRepository;

public interface SamMakerAnswerRepository extends JpaRepository<SamMakerAnswerRecord, String> {
}
