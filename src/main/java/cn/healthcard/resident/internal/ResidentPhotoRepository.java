package cn.healthcard.resident.internal;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ResidentPhotoRepository extends JpaRepository<ResidentPhoto, String> {
}
