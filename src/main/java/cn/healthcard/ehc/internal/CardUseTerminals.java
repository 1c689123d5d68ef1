package cn.healthcard.ehc.internal;

import cn.healthcard.card.UseTerminals;
import cn.healthcard.ehc.TerminalState;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Card uses come from the same register of terminals as e-card verifications (cached, see {@link TerminalRegistry}). */
@Component
class CardUseTerminals implements UseTerminals {

    private final TerminalRegistry terminals;

    CardUseTerminals(TerminalRegistry terminals) {
        this.terminals = terminals;
    }

    @Override
    public Optional<String> activeInstitution(String terminalId) {
        return terminals.find(terminalId).filter(t -> t.state() == TerminalState.ACTIVE)
                .map(TerminalRegistry.Entry::institutionCode);
    }
}
