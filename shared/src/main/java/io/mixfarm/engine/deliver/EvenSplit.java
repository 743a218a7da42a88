package io.mixfarm.engine.deliver;

/**
 * Splits {@code items} into {@code parts} consecutive runs, part {@code j} starting at
 * {@code floor(items · j / parts)}, stepped with a quotient and a remainder instead of a long
 * division per part: a plot asks this for each of its ~1,400 columns, twice.
 *
 * <p>Use: {@link #advance()} once per part, in order; {@link #end()} is then where that part ends.
 */
final class EvenSplit {
    private final long whole;
    private final long extra;
    private final int parts;
    private long next;
    private long remainder;

    EvenSplit(long items, int parts) {
        this.whole = items / parts;
        this.extra = items % parts;
        this.parts = parts;
    }

    /** Moves to the next part and returns where it starts. */
    long advance() {
        long start = next;
        next += whole;
        remainder += extra;
        if (remainder >= parts) {
            next++;
            remainder -= parts;
        }
        return start;
    }

    /** Where the part last advanced to ends (exclusive): the next part's start. */
    long end() {
        return next;
    }
}
