package cn.healthcard.production.datafile;

import cn.healthcard.crypto.device.KeyId;

/**
 * The card makers' transport keys (KEY-02) as the key distribution registered them: the current version of a maker's
 * key-encryption key in the centre's device, which the maker's device holds too (sent in an SM2 envelope).
 */
public interface TransportKeys {

    /**
     * The current transport key of {@code makerCode}.
     *
     * @throws cn.healthcard.common.DomainValidationException if the maker has no transport key
     */
    KeyId current(String makerCode);
}
