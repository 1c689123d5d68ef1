package cn.healthcard.logistics.internal;

import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;

/** A person (user account) who may receive deliveries for an institution (PER-13). */
@Entity
@Table(name = "authorised_receiver")
public class AuthorisedReceiver {

    @Embeddable
    public record Key(String institutionCode, String username) implements Serializable {
    }

    @EmbeddedId
    private Key key;
    private String grantedBy;
    private Instant grantedAt;

    protected AuthorisedReceiver() {
    }

    public AuthorisedReceiver(String institutionCode, String username, String grantedBy, Instant grantedAt) {
        this.key = new Key(institutionCode, username);
        this.grantedBy = grantedBy;
        this.grantedAt = grantedAt;
    }

    public String institutionCode() { return key.institutionCode(); }
    public String username() { return key.username(); }
    public String grantedBy() { return grantedBy; }
    public Instant grantedAt() { return grantedAt; }
}
