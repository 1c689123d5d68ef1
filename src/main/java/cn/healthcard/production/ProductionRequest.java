package cn.healthcard.production;

/** What the card maker needs to make one card; {@code caseId} is the application or replacement request. Data formatting per PER-01 comes with the production issue. */
public record ProductionRequest(String caseId, String residentId, String regionCode, String institutionCode) {
}
