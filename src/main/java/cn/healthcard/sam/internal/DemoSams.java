package cn.healthcard.sam.internal;

import cn.healthcard.ehc.TerminalService;
import cn.healthcard.sam.SamBindingService;
import cn.healthcard.sam.SamCardsArrived;
import cn.healthcard.sam.SamCardsMade;
import cn.healthcard.sam.TerminalType;
import cn.healthcard.security.Role;
import cn.healthcard.security.UserAdministration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Demo SAM cards (demo profile only, after the demo institutions, users and the filed terminal model): the Beijing
 * centre's SAM clerk {@code samclerk} and reviewer {@code samsupervisor}, three SAM cards made for the national centre
 * and signed for at {@code BJ-110000}, a terminal {@value #TERMINAL} of the demo hospital {@code MI-110105}, and the
 * first SAM bound to it — all through the register's own events and services.
 */
@Component
@Order(30)
@ConditionalOnProperty(name = "healthcard.demo.enabled", havingValue = "true")
class DemoSams implements ApplicationRunner {

    static final String TERMINAL = "T-MI-110105-SAM";
    static final List<String> NUMBERS = List.of("SAMDEMO000000001", "SAMDEMO000000002", "SAMDEMO000000003");
    private static final Logger log = LoggerFactory.getLogger(DemoSams.class);

    private final UserAdministration users;
    private final UserDetailsService userDetails;
    private final SamCardRepository cards;
    private final TerminalService terminals;
    private final SamBindingService bindings;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;

    DemoSams(UserAdministration users, UserDetailsService userDetails, SamCardRepository cards,
             TerminalService terminals, SamBindingService bindings, ApplicationEventPublisher events,
             TransactionTemplate tx) {
        this.users = users;
        this.userDetails = userDetails;
        this.cards = cards;
        this.terminals = terminals;
        this.bindings = bindings;
        this.events = events;
        this.tx = tx;
    }

    @Override
    public void run(ApplicationArguments args) {
        users.createIfAbsent("samclerk", "demo1234", "蒋SAM经办", "BJ-110000", Set.of(Role.CLERK), false, true);
        users.createIfAbsent("samsupervisor", "demo1234", "沈SAM审核", "BJ-110000", Set.of(Role.SUPERVISOR), false,
                true);
        if (cards.existsById(NUMBERS.get(0))) {
            return;
        }
        as("admin", () -> {
            tx.executeWithoutResult(s -> {
                events.publishEvent(new SamCardsMade("SBDEMO0001", "SAMDEMO", "NHC-000000", NUMBERS));
                events.publishEvent(new SamCardsArrived("SSDEMO0001", "BJ-110000", NUMBERS));
            });
            if (terminals.registered(TERMINAL).isEmpty()) {
                terminals.register(TERMINAL, "MI-110105", "91110105MA01KLWD3X", "HC-T100", "演示：挂号窗口（SAM卡）");
            }
            return null;
        });
        long version = cards.findById(NUMBERS.get(0)).orElseThrow().version();
        as("samclerk", () -> bindings.bind(NUMBERS.get(0), new SamBindingService.Binding("MI-110105",
                TerminalType.COUNTER_READER, TERMINAL), version));
        log.info("demo SAM cards: {} at BJ-110000, {} bound to {}; users samclerk, samsupervisor", NUMBERS,
                NUMBERS.get(0), TERMINAL);
    }

    private <T> T as(String username, Supplier<T> action) {
        var principal = userDetails.loadUserByUsername(username);
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new UsernamePasswordAuthenticationToken(principal, null, principal.getAuthorities()));
        var previous = SecurityContextHolder.getContext();
        SecurityContextHolder.setContext(context);
        try {
            return action.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }
}
