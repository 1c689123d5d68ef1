package cn.healthcard.production;

import java.util.Collection;

/** Controls of the simulated card maker, for demos, tests and failure drills. */
public interface CardMakerSimulator {

    /** The next {@code count} production requests fail, as if the maker were down. */
    void failNext(int count);

    /** Requests that will still fail. */
    int pendingFailures();

    /** The cards of these cases, in any batch the simulator answers from now on, come back FAILED with the reason. */
    void failCards(Collection<String> caseIds, String reason);

    /** The simulated line does not answer this batch: another maker (a drop-folder file) answers it in the drill. */
    void hold(String batchNo);
}
