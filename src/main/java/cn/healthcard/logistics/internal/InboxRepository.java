package cn.healthcard.logistics.internal;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

import java.time.Instant;
import java.util.List;

interface InboxRepository extends JpaRepository<InboxEntry, String> {

    /** Events not handled yet, received before the instant, with fewer attempts than the cap; oldest first. */
    List<InboxEntry> findByDoneAtIsNullAndReceivedAtBeforeAndAttemptsLessThanOrderByReceivedAt(Instant before,
                                                                                             int attempts, Limit limit);

    List<InboxEntry> findByEventTypeAndEventKeyAndDoneAtIsNull(String eventType, String eventKey);

    long countByEventTypeAndEventKeyAndDoneAtIsNull(String eventType, String eventKey);
}
