package io.mixfarm.engine.master;

/**
 * The limiter's gain computer: turns each sample's peak into a smooth gain that is, at that
 * sample and the {@code spread} samples either side of it, no higher than ceiling / peak.
 *
 * <p>Stages, per sample: target t = min(1, ceiling / peak); a running minimum of t over the last
 * {@code hold} samples (monotonic deque); an exponential release (the gain may fall at once but
 * rises towards the held minimum with the release time constant); then two cascaded moving
 * averages of lengths {@code a1} and {@code a2}. Averages of values that are all ≤ t stay ≤ t,
 * so the gain for sample k, read {@link #delayFrames()} samples later, covers every window that
 * contains k as long as the hold spans a1 + a2 − 1 + 2·spread samples. The two averages make the
 * attack an S-curve with a continuous slope: no step and no corner in the gain.
 */
final class LimiterEnvelope {

    private final double ceiling;
    private final double releaseCoefficient;
    private final int hold;
    private final int delay;
    // running minimum: ring deque of (value, time)
    private final double[] dequeValue;
    private final long[] dequeTime;
    private int head;
    private int size;
    private long time;
    private double released = 1.0;
    private final MovingAverage first;
    private final MovingAverage second;

    /**
     * @param attack     samples over which the gain falls before a peak (a1 + a2 − 1)
     * @param extraHold  extra samples the reduced gain is held after the peak
     * @param spread     samples either side of a peak also covered (for inter-sample reconstruction)
     * @param release    release time constant in samples
     */
    LimiterEnvelope(double ceiling, int attack, int extraHold, int spread, double release) {
        if (attack < 1) {
            throw new IllegalArgumentException("attack must be at least one sample, was " + attack);
        }
        this.ceiling = ceiling;
        this.releaseCoefficient = Math.exp(-1.0 / release);
        int a1 = (attack + 2) / 2;
        int a2 = attack + 1 - a1;
        this.first = new MovingAverage(a1);
        this.second = new MovingAverage(a2);
        this.hold = attack + 2 * spread + extraHold;
        this.delay = attack - 1 + spread;
        this.dequeValue = new double[hold];
        this.dequeTime = new long[hold];
    }

    /** Samples between a peak entering {@link #next} and its gain leaving it. */
    int delayFrames() {
        return delay;
    }

    /** The gain for the sample that entered {@link #delayFrames()} calls ago. */
    double next(double peak) {
        double target = peak > ceiling ? ceiling / peak : 1.0;
        if (size > 0 && dequeTime[head] <= time - hold) {
            head = head + 1 == hold ? 0 : head + 1;
            size--;
        }
        while (size > 0 && dequeValue[index(size - 1)] >= target) {
            size--;
        }
        int at = index(size);
        dequeValue[at] = target;
        dequeTime[at] = time;
        size++;
        time++;
        double held = dequeValue[head];
        released = held < released ? held : held + releaseCoefficient * (released - held);
        return second.next(first.next(released));
    }

    /**
     * Whether the gain is 1 and stays 1 while peaks stay at or below the ceiling: nothing held,
     * released or being averaged below unity.
     */
    boolean atRest() {
        return released == 1.0 && (size == 0 || dequeValue[head] == 1.0) && first.atUnity() && second.atUnity();
    }

    /** Advances over {@code n} samples whose peaks are all at or below the ceiling, at rest: gains all 1. */
    void skipAtRest(int n) {
        time += n;
        head = 0;
        size = 1;
        dequeValue[0] = 1.0;
        dequeTime[0] = time - 1;
    }

    private int index(int offset) {
        int i = head + offset;
        return i >= hold ? i - hold : i;
    }

    void reset() {
        head = 0;
        size = 0;
        time = 0;
        released = 1.0;
        first.reset();
        second.reset();
    }

    /** Mean of the last n values (starting from a history of ones), summed exactly once per wrap. */
    private static final class MovingAverage {
        private final double[] ring;
        private final double length;
        private double sum;
        private int pos;

        MovingAverage(int n) {
            ring = new double[n];
            length = n;
            reset();
        }

        double next(double x) {
            sum += x - ring[pos];
            ring[pos] = x;
            if (++pos == ring.length) {
                pos = 0;
                double exact = 0;
                for (double v : ring) {
                    exact += v;
                }
                sum = exact; // stops rounding drift of the running sum
            }
            return sum / length; // a division, so a history of ones gives exactly 1.0
        }

        boolean atUnity() {
            return sum == length;
        }

        void reset() {
            java.util.Arrays.fill(ring, 1.0);
            sum = ring.length;
            pos = 0;
        }
    }
}
