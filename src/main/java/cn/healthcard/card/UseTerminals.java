package cn.healthcard.card;

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
}
