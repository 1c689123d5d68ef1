package cn.healthcard.keys;

import java.time.Instant;

/**
 * An institution that receives keys (a lower-level registration centre or a card maker) and the transport KEK this
 * device shares with it: its label, version and check value.
 */
public record ReceiverView(String institutionCode, String institutionName, String kind, String regionCode,
                           String transportLabel, int transportVersion, String transportCheckValue,
                           String registeredBy, Instant registeredAt) {
}
