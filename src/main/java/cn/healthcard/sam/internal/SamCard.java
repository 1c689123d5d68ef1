package cn.healthcard.sam.internal;

import cn.healthcard.sam.SamCardView;
import cn.healthcard.sam.SamState;
import cn.healthcard.sam.SamStatus;
import cn.healthcard.sam.TerminalType;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/** One SAM card of the register: where it is, its state and its binding (decision 030). */
@Entity
@Table(name = "sam_card")
public class SamCard {

    @Id
    private String samNo;
    private String makerCode;
    private String batchNo;
    private String orderingCentreCode;
    private String placeCode;
    private String placeRegion;
    private String shipmentNo;
    @Enumerated(EnumType.STRING)
    private SamState state;
    private String institutionCode;
    @Enumerated(EnumType.STRING)
    private TerminalType terminalType;
    private String terminalNo;
    private String cancelledTerminalNo;
    private Instant madeAt;
    private String updatedBy;
    private Instant updatedAt;
    @Version
    private long version;

    protected SamCard() {
    }

    public SamCard(String samNo, String makerCode, String batchNo, String orderingCentreCode, String placeRegion,
                   String by, Instant at) {
        this.samNo = samNo;
        this.makerCode = makerCode;
        this.batchNo = batchNo;
        this.orderingCentreCode = orderingCentreCode;
        this.placeCode = makerCode;
        this.placeRegion = placeRegion;
        this.state = SamState.ACTIVE;
        this.madeAt = at;
        touched(by, at);
    }

    public String samNo() {
        return samNo;
    }

    public String batchNo() {
        return batchNo;
    }

    public String makerCode() {
        return makerCode;
    }

    public String orderingCentreCode() {
        return orderingCentreCode;
    }

    public String placeCode() {
        return placeCode;
    }

    public String placeRegion() {
        return placeRegion;
    }

    public String shipmentNo() {
        return shipmentNo;
    }

    public SamState state() {
        return state;
    }

    public String institutionCode() {
        return institutionCode;
    }

    public TerminalType terminalType() {
        return terminalType;
    }

    public String terminalNo() {
        return terminalNo;
    }

    public boolean bound() {
        return terminalNo != null;
    }

    public long version() {
        return version;
    }

    public void arrived(String place, String region, String shipment, String by, Instant at) {
        this.placeCode = place;
        this.placeRegion = region;
        this.shipmentNo = shipment;
        touched(by, at);
    }

    public void bind(String institution, TerminalType type, String terminal, String by, Instant at) {
        this.institutionCode = institution;
        this.terminalType = type;
        this.terminalNo = terminal;
        this.cancelledTerminalNo = null;
        touched(by, at);
    }

    public void unbind(String by, Instant at) {
        this.institutionCode = null;
        this.terminalType = null;
        this.terminalNo = null;
        touched(by, at);
    }

    public void changeState(SamState to, String by, Instant at) {
        if (to == SamState.CANCELLED) {
            // cancel is final and ends the binding; the terminal stays refused until it gets another SAM
            this.cancelledTerminalNo = terminalNo;
            this.institutionCode = null;
            this.terminalType = null;
            this.terminalNo = null;
        }
        this.state = to;
        touched(by, at);
    }

    private void touched(String by, Instant at) {
        this.updatedBy = by;
        this.updatedAt = at;
    }

    public SamCardView toView() {
        return new SamCardView(samNo, makerCode, batchNo, orderingCentreCode, placeCode, placeRegion, state,
                SamStatus.of(state, bound()), institutionCode, terminalType, terminalNo, updatedAt, version);
    }
}
