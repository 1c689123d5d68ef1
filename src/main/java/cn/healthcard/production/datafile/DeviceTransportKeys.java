package cn.healthcard.production.datafile;

import cn.healthcard.common.DomainValidationException;
import cn.healthcard.crypto.CryptoException;
import cn.healthcard.crypto.device.CryptoDevice;
import cn.healthcard.crypto.device.KeyId;
import org.springframework.stereotype.Component;

import java.util.Locale;

/**
 * {@link TransportKeys} on the device: the label the key distribution gives a receiver's transport KEK
 * ({@code transport.<code>}, lower case, other characters as {@code -};
 * {@code KeyDistributionService.registerReceiver}) and its current version.
 */
@Component
class DeviceTransportKeys implements TransportKeys {

    private final CryptoDevice device;

    DeviceTransportKeys(CryptoDevice device) {
        this.device = device;
    }

    static String label(String makerCode) {
        return "transport." + makerCode.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    @Override
    public KeyId current(String makerCode) {
        try {
            return device.currentKey(label(makerCode));
        } catch (CryptoException | IllegalArgumentException e) {
            throw new DomainValidationException("makerCode", "制卡机构 " + makerCode + " 未登记传输密钥，请先在「密钥管理」登记接收方");
        }
    }
}
