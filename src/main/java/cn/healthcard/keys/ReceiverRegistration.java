package cn.healthcard.keys;

/**
 * A registered receiver and its transport KEK in an SM2 envelope (C1C3C2, Base64) to the receiver's transport public
 * key: only the receiver's device opens it.
 */
public record ReceiverRegistration(ReceiverView receiver, String envelope) {
}
