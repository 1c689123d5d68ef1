package cn.healthcard.production.internal;

import cn.healthcard.common.NotFoundException;
import cn.healthcard.crypto.CryptoException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.CannotCreateTransactionException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failed resident read is the card's own fault (review 14 HIGH 3; decision 027 §3a). */
class BatchFilesFaultTest {

    @Test
    @DisplayName("PER-04 APP-08 (attack): a device outage, an exhausted pool, a lost database or a security mismatch "
            + "is not a card's fault (the submission fails, no error records); a missing resident or a record that "
            + "does not decrypt is")
    void onlyTheCardsOwnFaults() {
        assertThat(BatchFiles.cardFault(new CryptoException("The crypto device is not reachable"))).isFalse();
        assertThat(BatchFiles.cardFault(new CannotCreateTransactionException("pool exhausted"))).isFalse();
        assertThat(BatchFiles.cardFault(new DataAccessResourceFailureException("connection lost"))).isFalse();
        assertThat(BatchFiles.cardFault(new AccessDeniedException("Access Denied"))).isFalse();
        assertThat(BatchFiles.cardFault(new IllegalStateException("wrapped", new CryptoException("device down"))))
                .isFalse();

        assertThat(BatchFiles.cardFault(new NotFoundException("居民不存在"))).isTrue();
        assertThat(BatchFiles.cardFault(new RuntimeException("tx", new NotFoundException("居民不存在")))).isTrue();
        assertThat(BatchFiles.cardFault(new CryptoException("Encrypted personal data is not valid Base64",
                new IllegalArgumentException("Illegal base64 character")))).isTrue();
    }
}
