package cn.healthcard.ehc.internal;

import cn.healthcard.crypto.CryptoPort;
import org.springframework.stereotype.Component;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.UUID;

/**
 * New master index IDs (主索引ID, EHC-01): 64 upper-case hex digits, {@code SM3(random UUID)} — the same shape as the
 * vector of design.md §5 (four 8-byte groups for the e-card's diversification data). Random, not derived from the
 * person: an ID says nothing about whom it stands for, cannot be recomputed from a document, and stays the same when
 * documents are added. Uniqueness is the hash of 122 random bits; the primary key guards it. Decision 013.
 */
@Component
public class MasterIndexIds {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final CryptoPort crypto;

    MasterIndexIds(CryptoPort crypto) {
        this.crypto = crypto;
    }

    public String next() {
        UUID uuid = UUID.randomUUID();
        byte[] bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits()).array();
        return HEX.formatHex(crypto.sm3(bytes));
    }
}
