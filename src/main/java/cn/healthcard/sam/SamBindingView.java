package cn.healthcard.sam;

import java.time.Instant;

/** One entry of a SAM card's binding history. */
public record SamBindingView(long id, String samNo, String action, String institutionCode, TerminalType terminalType,
                             String terminalNo, String reason, String doneBy, Instant doneAt) {
}
