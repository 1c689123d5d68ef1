package cn.healthcard.ehc;

import java.time.Instant;
import java.util.Optional;

/**
 * Terminals that may not verify or report card uses for a reason outside the terminal register (port, consulted by
 * {@link EhcVerificationService} and by card use; the SAM register implements it: a terminal whose bound SAM card is
 * frozen or cancelled, decision 030). On the hot path: an implementation answers from memory.
 */
public interface TerminalBlocks {

    /** Why the terminal is blocked ({@link RefusalReason#SAM_FROZEN}, {@link RefusalReason#SAM_CANCELLED}), if it is. */
    Optional<RefusalReason> refusal(String terminalId);

    /**
     * The number of the SAM bound to the terminal now, if any: a verification is counted against it (SAM-05
     * 4.3.5.3, the SAM at the time of the use). From memory like {@link #refusal}.
     */
    default Optional<String> boundSam(String terminalId) {
        return Optional.empty();
    }

    /**
     * Why the terminal was blocked at {@code at}: the SAM bound to it then was frozen or cancelled then (a use reported
     * for a past moment, SAM-05). Reads the binding and blacklist history; not on the verification path.
     */
    default Optional<RefusalReason> refusalAt(String terminalId, Instant at) {
        return Optional.empty();
    }
}
