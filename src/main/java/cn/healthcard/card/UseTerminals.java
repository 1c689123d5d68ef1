package cn.healthcard.card;

import java.time.Instant;
import java.util.Optional;

/**
 * The terminals a card use may come from (port; the e-card module's terminal register implements it). A use is
 * accepted only from a registered, active terminal, reported for the institution the terminal belongs to.
 */
public interface UseTerminals {

    /** The institution code of the active registered terminal {@code terminalId}; empty when unknown or disabled. */
    Optional<String> activeInstitution(String terminalId);

    /** Why a registered terminal may not report uses now, e.g. its SAM card is frozen ({@code SAM_FROZEN}). */
    record Refusal(String code, String message) {
    }

    /** The refusal of uses from {@code terminalId}, if any; none for a terminal without a SAM card (decision 030). */
    default Optional<Refusal> refusal(String terminalId) {
        return Optional.empty();
    }

    /** The refusal of a use from {@code terminalId} at the past moment {@code at}: its SAM of then was blocked then. */
    default Optional<Refusal> refusalAt(String terminalId, Instant at) {
        return Optional.empty();
    }
}
