package cn.healthcard.production.internal;

import cn.healthcard.common.ConflictException;
import cn.healthcard.common.RegionCode;
import cn.healthcard.crypto.device.CryptoDevice;
import cn.healthcard.crypto.device.KeyId;
import cn.healthcard.crypto.device.KeyInfo;
import cn.healthcard.crypto.device.KeyState;
import cn.healthcard.keys.KeyHierarchy;
import cn.healthcard.keys.KeyLevel;
import cn.healthcard.keys.KeyPurpose;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The roots of the card application keys of a batch's cards (PER-03, PER-05; decisions 014, 026, 027 §3b): for every
 * purpose of the key hierarchy, the current version of the city's level-3 key {@code hc.<purpose>.<XXXX00>}. The
 * roots stay in the centre's device: the data file carries only each card's own key, derived from them in the device
 * by the card's diversification data and exported wrapped under the maker's transport key
 * ({@code DataFileWriter}). A province's level-2 key (the parent of every city's root and the e-card root) is never
 * used: a region whose city has no level-3 key for a purpose has its release refused (409
 * {@code PRODUCTION_NO_APPLICATION_KEY}). A device failure is thrown on, not taken for a missing key.
 */
@Component
public class ApplicationKeys {

    private final CryptoDevice device;

    ApplicationKeys(CryptoDevice device) {
        this.device = device;
    }

    /**
     * The current level-3 roots for cards of {@code regionCode}, one per purpose, in the order of {@link KeyPurpose}.
     *
     * @throws ConflictException {@code PRODUCTION_NO_APPLICATION_KEY} if the city has no active key of a purpose
     */
    public List<KeyId> forRegion(String regionCode) {
        RegionCode region = RegionCode.of(regionCode);
        String cityCode = region.value().substring(0, 4) + "00";
        List<KeyId> keys = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (KeyPurpose purpose : KeyPurpose.values()) {
            String label = cityCode.endsWith("0000") ? null
                    : new KeyHierarchy.Position(purpose, KeyLevel.CITY, RegionCode.of(cityCode)).label();
            KeyId current = label == null ? null : device.versions(label).stream()
                    .filter(k -> k.state() == KeyState.ACTIVE)
                    .map(KeyInfo::id)
                    .max(Comparator.naturalOrder())
                    .orElse(null);
            if (current == null) {
                missing.add(purpose.nameZh());
            } else {
                keys.add(current);
            }
        }
        if (!missing.isEmpty()) {
            throw new ConflictException("PRODUCTION_NO_APPLICATION_KEY", "regionCode", "地区 " + regionCode
                    + " 所在地市（" + cityCode + "）没有三级" + String.join("、", missing)
                    + "，不能下发制卡数据：请先完成该地市的密钥仪式");
        }
        return keys;
    }
}
