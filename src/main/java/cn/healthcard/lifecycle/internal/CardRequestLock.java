package cn.healthcard.lifecycle.internal;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

@Entity
@Table(name = "card_request_lock")
public class CardRequestLock {

    @Id
    private String cardNo;
    private String requestId;
    private Instant lockedAt;

    protected CardRequestLock() {
    }

    public String requestId() {
        return requestId;
    }
}
