package cn.healthcard.ehc;

import cn.healthcard.common.Masking;

/**
 * An identity document as a caller names it: type (WS 364 CV02.01.101, e.g. {@code 01} 居民身份证) and number. Only
 * passes through: the e-card module keeps documents as the resident module's keyed indexes and masks.
 */
public record DocumentRef(String type, String number) {

    @Override
    public String toString() {
        return "DocumentRef[" + type + " " + Masking.documentNumber(number) + "]";
    }
}
