package cn.healthcard.sam.internal;

import cn.healthcard.sam.SamBindingView;
import cn.healthcard.sam.TerminalType;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One entry of the append-only binding history (BIND, UNBIND, REBIND, CANCELLED). */
@Entity
@Table(name = "sam_binding")
public class SamBinding {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String samNo;
    private String action;
    private String institutionCode;
    private String regionCode;
    @Enumerated(EnumType.STRING)
    private TerminalType terminalType;
    private String terminalNo;
    private String reason;
    private String doneBy;
    private Instant doneAt;

    protected SamBinding() {
    }

    public SamBinding(String samNo, String action, String institutionCode, String regionCode, TerminalType type,
                      String terminalNo, String reason, String doneBy, Instant doneAt) {
        this.samNo = samNo;
        this.action = action;
        this.institutionCode = institutionCode;
        this.regionCode = regionCode;
        this.terminalType = type;
        this.terminalNo = terminalNo;
        this.reason = reason;
        this.doneBy = doneBy;
        this.doneAt = doneAt;
    }

    public SamBindingView toView() {
        return new SamBindingView(id, samNo, action, institutionCode, terminalType, terminalNo, reason, doneBy, doneAt);
    }
}
