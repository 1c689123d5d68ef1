package cn.healthcard.card;

import java.util.Optional;

/**
 * The terminals a card use may come from (port; the e-card module's terminal register implements it). A use is
 * accepted only from a registered, active terminal, reported for the institution the terminal belongs to.
 */
public interface UseTerminals {

    /** The institution code of the active registered terminal {@code terminalId}; empty when unknown or disabled. */
    Optional<String> activeInstitution(String terminalId);
}
