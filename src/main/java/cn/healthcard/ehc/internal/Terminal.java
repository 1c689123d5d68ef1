package cn.healthcard.ehc.internal;

import cn.healthcard.ehc.TerminalState;
import cn.healthcard.ehc.TerminalView;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/** A registered reader or institution terminal (识读终端, 机构终端). */
@Entity
@Table(name = "ehc_terminal")
public class Terminal {

    @Id
    private String terminalId;
    private String institutionCode;
    private String regionCode;
    private String description;
    private String terminalModel;
    private String terminalFilingNo;
    private String terminalManufacturer;
    @Enumerated(EnumType.STRING)
    private TerminalState state;
    private Instant registeredAt;
    private String registeredBy;
    private Instant updatedAt;
    @Version
    private long version;

    protected Terminal() {
    }

    public Terminal(String terminalId, String institutionCode, String regionCode, String description,
                    String terminalModel, String terminalFilingNo, String terminalManufacturer, Instant now,
                    String registeredBy) {
        this.terminalId = terminalId;
        this.institutionCode = institutionCode;
        this.regionCode = regionCode;
        this.description = description;
        this.terminalModel = terminalModel;
        this.terminalFilingNo = terminalFilingNo;
        this.terminalManufacturer = terminalManufacturer;
        this.state = TerminalState.ACTIVE;
        this.registeredAt = now;
        this.registeredBy = registeredBy;
        this.updatedAt = now;
    }

    public void changeState(TerminalState to, Instant now) {
        state = to;
        updatedAt = now;
    }

    public String terminalId() { return terminalId; }
    public String institutionCode() { return institutionCode; }
    public String regionCode() { return regionCode; }
    public TerminalState state() { return state; }

    public TerminalView toView() {
        return new TerminalView(terminalId, institutionCode, regionCode, description, terminalModel,
                terminalFilingNo, terminalManufacturer, state, registeredAt, registeredBy);
    }
}
