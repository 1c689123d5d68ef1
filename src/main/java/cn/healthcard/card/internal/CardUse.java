package cn.healthcard.card.internal;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Immutable;

import java.time.Instant;

/** One use of a card at a terminal. */
@Entity
@Immutable
@Table(name = "card_use")
public class CardUse {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String cardNo;
    private boolean temporary;
    private String institutionCode;
    private String terminalId;
    private String scenario;
    private Instant usedAt;
    private String recordedBy;
    private Instant recordedAt;
    /** The institution's region when the use was recorded (the statistics group by it, decision 036). */
    private String regionCode;

    protected CardUse() {
    }

    public CardUse(String cardNo, boolean temporary, String institutionCode, String terminalId, String scenario,
                   Instant usedAt, String recordedBy, Instant recordedAt, String regionCode) {
        this.regionCode = regionCode;
        this.cardNo = cardNo;
        this.temporary = temporary;
        this.institutionCode = institutionCode;
        this.terminalId = terminalId;
        this.scenario = scenario;
        this.usedAt = usedAt;
        this.recordedBy = recordedBy;
        this.recordedAt = recordedAt;
    }

    public Long id() {
        return id;
    }
}
