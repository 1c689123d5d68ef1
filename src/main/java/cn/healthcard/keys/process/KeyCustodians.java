package cn.healthcard.keys.process;

import cn.healthcard.keys.KeyCeremonyService;
import cn.healthcard.security.SecurityContextUsers;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * The collection of the multi-instance custody and presentation tasks of process key-ceremony
 * ({@code camunda:collection="${keyCustodians.of(ceremonyId)}"}): the ceremony's custodians in component order, read
 * from the ceremony when the tasks are created, so no list is kept as a process variable. Public: the expression
 * language calls it by reflection.
 */
@Component("keyCustodians")
public class KeyCustodians {

    private final KeyCeremonyService keys;

    KeyCustodians(KeyCeremonyService keys) {
        this.keys = keys;
    }

    public List<String> of(String ceremonyId) {
        return new ArrayList<>(SecurityContextUsers.runAsSystem(() -> keys.custodiansOf(ceremonyId)));
    }
}
