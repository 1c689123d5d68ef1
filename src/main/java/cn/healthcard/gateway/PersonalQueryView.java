package cn.healthcard.gateway;

import cn.healthcard.card.CardStatus;
import cn.healthcard.ehc.EhcStatus;
import cn.healthcard.ehc.VisitCardView;

import java.time.Instant;
import java.util.List;

/**
 * What a resident sees of themselves through an authorised app (居民个人查询, INT-05, EHC-07): their physical cards
 * (masked numbers, status), their e-card (status, ID, the static code as text and PNG while it is active) and their
 * hospital visit cards. Identity only masked.
 *
 * @param masterIndexId null when the person has physical cards but no master index yet
 * @param ecard         null when the person has no e-card
 */
public record PersonalQueryView(String masterIndexId, String documentType, String documentNumberMasked,
                                List<CardItem> cards, ECard ecard, List<VisitCardView> visitCards) {

    /** A physical card: number masked (first 4 and last 4 characters). */
    public record CardItem(String cardNoMasked, CardStatus status, String statusName, Instant issuedAt) {
    }

    /** The e-card; {@code qrText}/{@code qrPng} only while it is active. */
    public record ECard(String ehcId, EhcStatus status, String statusName, String nameMasked, String qrText,
                        byte[] qrPng) {
    }
}
