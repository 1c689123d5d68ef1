package cn.healthcard.ehc;

import java.time.Instant;

/**
 * An e-card account as callers see it: masked identity only (SEC-02).
 *
 * @param ehcId     the e-card ID (电子健康卡ID), upper-case hex
 * @param cardNo    the physical card the e-card follows, null when the person holds none
 * @param bulkRunId the bulk run that generated it ({@link EhcOrigin#BULK}), else null
 */
public record EhcAccountView(String ehcId, String masterIndexId, EhcStatus status, EhcOrigin origin,
                             EhcChannel channel, String documentType, String documentNumberMasked, String nameMasked,
                             String sex, int birthYear, String cardNo, String regionCode, Instant createdAt,
                             String createdBy, Long bulkRunId) {
}
