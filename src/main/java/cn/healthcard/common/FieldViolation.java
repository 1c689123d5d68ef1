package cn.healthcard.common;

/**
 * One invalid field: the field key (as used in the form definitions and the API) and a message for people.
 * Messages are Chinese first; the API returns them as they are.
 */
public record FieldViolation(String field, String message) {
}
