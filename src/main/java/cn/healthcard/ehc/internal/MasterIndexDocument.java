package cn.healthcard.ehc.internal;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A document of the person, by the resident module's keyed document index; one master index per document. */
@Entity
@Table(name = "ehc_master_index_document")
public class MasterIndexDocument {

    @Id
    private String documentIndex;
    private String masterIndexId;
    private String documentType;
    private String documentNumberMasked;
    private Instant linkedAt;
    private String linkedBy;
    private String verifiedBy;

    protected MasterIndexDocument() {
    }

    public MasterIndexDocument(String documentIndex, String masterIndexId, String documentType,
                               String documentNumberMasked, Instant linkedAt, String linkedBy, String verifiedBy) {
        this.documentIndex = documentIndex;
        this.masterIndexId = masterIndexId;
        this.documentType = documentType;
        this.documentNumberMasked = documentNumberMasked;
        this.linkedAt = linkedAt;
        this.linkedBy = linkedBy;
        this.verifiedBy = verifiedBy;
    }

    public String documentIndex() { return documentIndex; }
    public String masterIndexId() { return masterIndexId; }
    public String documentType() { return documentType; }
    public String documentNumberMasked() { return documentNumberMasked; }
    public Instant linkedAt() { return linkedAt; }
    public String linkedBy() { return linkedBy; }
    public String verifiedBy() { return verifiedBy; }
}
