package cn.healthcard.lifecycle;

import cn.healthcard.card.CardStatus;

import java.time.Instant;
import java.util.List;

/** A card request as its handlers and API clients see it (masked applicant). */
public record CardRequestView(String requestId, RequestType type, RequestStatus status, String cardNo,
                              CardStatus cardStatus, String applicantName, String documentNumberMasked,
                              List<String> currentSteps, boolean incident, String reviewComment, String newCardNo,
                              String temporaryCardNo, String createdBy, Instant createdAt, Instant updatedAt) {
}
