package cn.healthcard.production;

/** What the card maker needs to make one card. Data formatting per PER-01 comes with the production issue. */
public record ProductionRequest(String applicationId, String residentId, String regionCode, String institutionCode) {
}
