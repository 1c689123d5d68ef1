package cn.healthcard.card.internal;

import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

import java.util.List;

/** Insert and read only. */
public interface CardEventRepository extends Repository<CardEvent, Long> {

    CardEvent save(CardEvent event);

    List<CardEvent> findByCardNoOrderBySeqAsc(String cardNo);

    @Query("select coalesce(max(e.seq), 0) from CardEvent e where e.cardNo = ?1")
    int lastSeq(String cardNo);
}
