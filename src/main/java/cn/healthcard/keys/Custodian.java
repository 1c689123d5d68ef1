package cn.healthcard.keys;

/** A key administrator who may co-sign ceremonies and hold key components. */
public record Custodian(String username, String displayName) {
}
