package cn.healthcard.institution;

/**
 * Progress of a running import, reported every {@link InstitutionImport#PROGRESS_EVERY} rows and at the end of each
 * phase.
 *
 * @param phase what is being done: READING the file, CHECKING rows, WRITING them
 * @param done  rows done in this phase
 * @param total rows in all (0 while reading, when not yet known)
 */
public record ImportProgress(Phase phase, int done, int total) {

    public enum Phase { READING, CHECKING, WRITING, DONE }

    /** Fraction done, 0…1, over the checking and writing phases. */
    public double fraction() {
        if (total <= 0) {
            return 0;
        }
        return switch (phase) {
            case READING -> 0;
            case CHECKING -> 0.5 * done / total;
            case WRITING -> 0.5 + 0.5 * done / total;
            case DONE -> 1;
        };
    }
}
