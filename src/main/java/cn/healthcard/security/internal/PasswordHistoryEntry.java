package cn.healthcard.security.internal;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** An earlier password's hash (decision 024): the last {@code healthcard.password.history} are refused. */
@Entity
@Table(name = "app_user_password_history")
class PasswordHistoryEntry {

    @Id
    private String id;
    private String username;
    private String passwordHash;
    private Instant changedAt;

    protected PasswordHistoryEntry() {
    }

    PasswordHistoryEntry(String username, String passwordHash, Instant changedAt) {
        this.id = UUID.randomUUID().toString();
        this.username = username;
        this.passwordHash = passwordHash;
        this.changedAt = changedAt;
    }

    String passwordHash() {
        return passwordHash;
    }
}
