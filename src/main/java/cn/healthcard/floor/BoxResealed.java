package cn.healthcard.floor;

import java.util.List;

/**
 * A sealed box of a batch was opened or damaged in the maker's store and, after its recount, investigation and
 * registration (PER-12), is back in the store under a NEW seal: the seal published in {@code BatchSealed}
 * ({@code oldSealNo}) is broken and retired for ever, the box now carries {@code newSealNo} and holds {@code cardNos}.
 * For the receiving side (logistics) to expect the new seal on the box; published after the registration.
 */
public record BoxResealed(String batchNo, String boxNo, String oldSealNo, String newSealNo, List<String> cardNos) {

    public BoxResealed {
        cardNos = List.copyOf(cardNos);
    }
}
