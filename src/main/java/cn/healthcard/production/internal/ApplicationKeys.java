package cn.healthcard.production.internal;

import cn.healthcard.common.RegionCode;
import cn.healthcard.crypto.CryptoException;
import cn.healthcard.crypto.device.CryptoDevice;
import cn.healthcard.crypto.device.KeyId;
import cn.healthcard.keys.KeyHierarchy;
import cn.healthcard.keys.KeyLevel;
import cn.healthcard.keys.KeyPurpose;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * The card application keys a batch's data file carries (PER-03, PER-05; decisions 014, 026): for every purpose of
 * the key hierarchy, the root of the cards of the batch's region — the city's level-3 key {@code hc.<purpose>.<XXXX00>}
 * (the roots of physical card keys), else the province's level-2 key when the city has none — in its current version.
 * The centre's device exports each only wrapped under the maker's transport key; the maker's device imports it and
 * derives each card's key from it by the card's diversification data ({@code DataFileFormat.cardDiversification}).
 * A purpose whose region has no key in this device is not sent (the hierarchy's ceremonies have not made it yet).
 */
@Component
public class ApplicationKeys {

    private final CryptoDevice device;

    ApplicationKeys(CryptoDevice device) {
        this.device = device;
    }

    /** The current application key roots for cards of {@code regionCode}, one per purpose that has one. */
    public List<KeyId> forRegion(String regionCode) {
        RegionCode region = RegionCode.of(regionCode);
        RegionCode city = RegionCode.of(region.value().substring(0, 4) + "00");
        RegionCode province = RegionCode.of(region.value().substring(0, 2) + "0000");
        List<KeyId> keys = new ArrayList<>();
        for (KeyPurpose purpose : KeyPurpose.values()) {
            List<String> labels = new ArrayList<>();
            if (!city.equals(province)) {
                labels.add(new KeyHierarchy.Position(purpose, KeyLevel.CITY, city).label());
            }
            labels.add(new KeyHierarchy.Position(purpose, KeyLevel.PROVINCIAL, province).label());
            for (String label : labels) {
                try {
                    keys.add(device.currentKey(label));
                    break;
                } catch (CryptoException e) {
                    // no active key of this level: the level above
                }
            }
        }
        return keys;
    }
}
