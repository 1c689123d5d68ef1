package cn.healthcard.production;

/** Controls of the simulated card maker, for demos, tests and failure drills. */
public interface CardMakerSimulator {

    /** The next {@code count} production requests fail, as if the maker were down. */
    void failNext(int count);

    /** Requests that will still fail. */
    int pendingFailures();
}
