package cn.healthcard.sam;

/**
 * Filters of the SAM register query; all optional. {@code place} is the code of the place the card is at,
 * {@code institution} the institution it is bound to.
 */
public record SamQuery(String samNo, SamStatus status, String place, String institution) {

    public static SamQuery all() {
        return new SamQuery(null, null, null, null);
    }
}
