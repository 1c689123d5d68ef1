package cn.healthcard.card.internal;

import org.springframework.data.repository.Repository;

public interface CardUseRepository extends Repository<CardUse, Long> {
    CardUse save(CardUse use);

    long countByCardNo(String cardNo);
}
