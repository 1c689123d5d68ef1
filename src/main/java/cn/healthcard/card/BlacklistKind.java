package cn.healthcard.card;

/** What a blacklist entry keeps off the system (BL-01). */
public enum BlacklistKind {
    /** A resident not eligible to hold a card, by the keyed index of their document (APP-06). */
    RESIDENT,
    /** A card reported lost or cancelled, by its card number (LC-01, LC-06). */
    CARD
}
