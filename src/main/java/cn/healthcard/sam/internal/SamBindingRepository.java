package cn.healthcard.sam.internal;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

public interface SamBindingRepository extends JpaRepository<SamBinding, Long> {

    List<SamBinding> findBySamNoOrderByIdAsc(String samNo);
}
