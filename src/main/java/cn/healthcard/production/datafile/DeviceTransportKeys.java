package cn.healthcard.production.datafile;

import cn.healthcard.common.DomainValidationException;
import cn.healthcard.crypto.CryptoException;
import cn.healthcard.crypto.device.CryptoDevice;
import cn.healthcard.crypto.device.KeyId;
import org.springframework.stereotype.Component;

/**
 * {@link TransportKeys} on the device: the current version of the receiver's transport KEK, under the label the key
 * distribution gives it ({@link KeyId#transportLabel}).
 */
@Component
class DeviceTransportKeys implements TransportKeys {

    private final CryptoDevice device;

    DeviceTransportKeys(CryptoDevice device) {
        this.device = device;
    }

    @Override
    public KeyId current(String makerCode) {
        try {
            return device.currentKey(KeyId.transportLabel(makerCode));
        } catch (CryptoException | IllegalArgumentException e) {
            throw new DomainValidationException("makerCode", "制卡机构 " + makerCode + " 未登记传输密钥，请先在「密钥管理」登记接收方");
        }
    }
}
