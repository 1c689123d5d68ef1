package cn.healthcard.ehc.internal;

import cn.healthcard.card.UseTerminals;
import cn.healthcard.ehc.TerminalBlocks;
import cn.healthcard.ehc.TerminalState;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;

/**
 * Card uses come from the same register of terminals as e-card verifications (cached, see {@link TerminalRegistry}),
 * and are refused from a terminal whose SAM card is frozen or cancelled ({@link TerminalBlocks}).
 */
@Component
class CardUseTerminals implements UseTerminals {

    private final TerminalRegistry terminals;
    private final ObjectProvider<TerminalBlocks> blocks;

    CardUseTerminals(TerminalRegistry terminals, ObjectProvider<TerminalBlocks> blocks) {
        this.terminals = terminals;
        this.blocks = blocks;
    }

    @Override
    public Optional<String> activeInstitution(String terminalId) {
        return terminals.find(terminalId).filter(t -> t.state() == TerminalState.ACTIVE)
                .map(TerminalRegistry.Entry::institutionCode);
    }

    @Override
    public Optional<Refusal> refusal(String terminalId) {
        TerminalBlocks port = blocks.getIfAvailable();
        return port == null ? Optional.empty()
                : port.refusal(terminalId).map(reason -> new Refusal(reason.name(), reason.message()));
    }

    @Override
    public Optional<Refusal> refusalAt(String terminalId, Instant at) {
        TerminalBlocks port = blocks.getIfAvailable();
        return port == null ? Optional.empty()
                : port.refusalAt(terminalId, at).map(reason -> new Refusal(reason.name(), reason.message()));
    }
}
