package cn.healthcard.common;

/**
 * An {@link AuditableEvent} of high volume (a terminal's verification) that the audit module appends to the hash chain
 * in a batch with others, shortly after it is published, instead of in the publisher's transaction: the publisher
 * needs no transaction, and does not wait for the chain head's lock. Published while the audit writer's queue is full,
 * the publisher waits (backpressure). An entry still queued when the process dies hard is lost (decision 016).
 */
public interface BatchedAuditableEvent extends AuditableEvent {
}
