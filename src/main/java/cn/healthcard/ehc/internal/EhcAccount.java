package cn.healthcard.ehc.internal;

import cn.healthcard.crypto.EhcIdAlgorithm.EhcId;
import cn.healthcard.ehc.EhcAccountView;
import cn.healthcard.ehc.EhcChannel;
import cn.healthcard.ehc.EhcOrigin;
import cn.healthcard.ehc.EhcStatus;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/**
 * An e-card account (电子健康卡虚拟化账户), keyed by its e-card ID; masked identity only. It follows the physical card
 * {@code cardNo} when the person holds one.
 */
@Entity
@Table(name = "ehc_account")
public class EhcAccount {

    @Id
    private String ehcId;
    /** The application-data-read key (label and version) that made the e-card ID; version null before V11. */
    private String idKeyLabel;
    private Integer idKeyVersion;
    private String masterIndexId;
    private String documentIndex;
    private String documentType;
    private String documentNumberMasked;
    private String nameMasked;
    private String sex;
    private int birthYear;
    private String residentId;
    /**
     * Keyed index (HMAC-SM3, the resident module's name index) of the full name of a holder without a resident record;
     * null for residents (their record has it) and for accounts opened before V12.
     */
    private String nameIndex;
    private String cardNo;
    @Enumerated(EnumType.STRING)
    private EhcStatus status;
    @Enumerated(EnumType.STRING)
    private EhcOrigin origin;
    @Enumerated(EnumType.STRING)
    private EhcChannel channel;
    private String clientId;
    private Long bulkRunId;
    private String regionCode;
    private String institutionCode;
    private Instant createdAt;
    private String createdBy;
    private Instant updatedAt;
    @Version
    private long version;

    protected EhcAccount() {
    }

    /** Identity of the holder, masked or keyed, as the account keeps it. */
    public record Holder(String documentIndex, String documentType, String documentNumberMasked, String nameMasked,
                         String sex, int birthYear, String residentId, String nameIndex) {

        /** A holder with a resident record, whose record keeps the name index. */
        public Holder(String documentIndex, String documentType, String documentNumberMasked, String nameMasked,
                      String sex, int birthYear, String residentId) {
            this(documentIndex, documentType, documentNumberMasked, nameMasked, sex, birthYear, residentId, null);
        }
    }

    /** Who opened the account, how and where. */
    public record Opening(EhcOrigin origin, EhcChannel channel, String clientId, Long bulkRunId, String regionCode,
                          String institutionCode, String createdBy, Instant at) {
    }

    public EhcAccount(EhcId ehcId, String masterIndexId, Holder holder, String cardNo, EhcStatus status,
                      Opening opening) {
        this.ehcId = ehcId.value();
        this.idKeyLabel = ehcId.key().label();
        this.idKeyVersion = ehcId.key().version();
        this.masterIndexId = masterIndexId;
        this.documentIndex = holder.documentIndex();
        this.documentType = holder.documentType();
        this.documentNumberMasked = holder.documentNumberMasked();
        this.nameMasked = holder.nameMasked();
        this.sex = holder.sex();
        this.birthYear = holder.birthYear();
        this.residentId = holder.residentId();
        this.nameIndex = holder.nameIndex();
        this.cardNo = cardNo;
        this.status = status;
        this.origin = opening.origin();
        this.channel = opening.channel();
        this.clientId = opening.clientId();
        this.bulkRunId = opening.bulkRunId();
        this.regionCode = opening.regionCode();
        this.institutionCode = opening.institutionCode();
        this.createdAt = opening.at();
        this.createdBy = opening.createdBy();
        this.updatedAt = opening.at();
    }

    /** Moves to {@code to} (and to the card {@code newCardNo}); returns the status it came from. */
    public EhcStatus follow(EhcStatus to, String newCardNo, Instant now) {
        EhcStatus from = status;
        status = to;
        cardNo = newCardNo;
        updatedAt = now;
        return from;
    }

    /** Starts following a physical card (a holder who had none when the account was opened). */
    public void attachCard(String newCardNo, Instant now) {
        cardNo = newCardNo;
        updatedAt = now;
    }

    public String ehcId() { return ehcId; }
    public String idKeyLabel() { return idKeyLabel; }
    public Integer idKeyVersion() { return idKeyVersion; }
    public String masterIndexId() { return masterIndexId; }
    public String documentIndex() { return documentIndex; }
    public String documentType() { return documentType; }
    public String documentNumberMasked() { return documentNumberMasked; }
    public String nameMasked() { return nameMasked; }
    public String sex() { return sex; }
    public int birthYear() { return birthYear; }
    public String residentId() { return residentId; }
    public String nameIndex() { return nameIndex; }
    public String cardNo() { return cardNo; }
    public EhcStatus status() { return status; }
    public String regionCode() { return regionCode; }
    public String institutionCode() { return institutionCode; }

    public EhcAccountView toView() {
        return new EhcAccountView(ehcId, masterIndexId, status, origin, channel, documentType, documentNumberMasked,
                nameMasked, sex, birthYear, cardNo, regionCode, createdAt, createdBy, bulkRunId);
    }
}
