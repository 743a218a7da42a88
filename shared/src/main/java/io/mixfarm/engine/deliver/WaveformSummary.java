package io.mixfarm.engine.deliver;

/**
 * A waveform overview collected while audio streams past, for a fixed number of picture columns
 * when the length is not known in advance: frames go into buckets (peak min/max over all
 * channels, and energy for an RMS band); when the {@code 2 × columns} buckets are full, pairs are
 * merged and the bucket length doubles. So memory is constant, every bucket covers the same
 * number of frames, and at the end there are at least {@code columns} buckets whenever the stream
 * has that many frames — never coarser than the picture.
 */
public final class WaveformSummary {
    private final int columns;
    private final int sampleRate;
    private final int capacity;
    private final double[] min;
    private final double[] max;
    private final double[] energy;
    private long bucketFrames = 1;
    private int full;          // completed buckets
    private long fill;         // frames in the bucket being filled (index 'full')
    private long frames;

    public WaveformSummary(int columns, int sampleRate) {
        if (columns < 2 || columns > 1 << 16) {
            throw new IllegalArgumentException("columns must be 2 to 65536, was " + columns);
        }
        if (sampleRate < 1) {
            throw new IllegalArgumentException("sample rate must be positive, was " + sampleRate);
        }
        this.columns = columns;
        this.sampleRate = sampleRate;
        this.capacity = 2 * columns;
        this.min = new double[capacity + 1];
        this.max = new double[capacity + 1];
        this.energy = new double[capacity + 1];
        clear(0);
    }

    /** Adds {@code frames} frames of every channel in {@code block}. */
    public void process(double[][] block, int frameCount) {
        int channels = block.length;
        double perChannel = 1.0 / channels;
        for (int i = 0; i < frameCount; i++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            double square = 0;
            for (double[] channel : block) {
                double v = channel[i];
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
                square += v * v;
            }
            min[full] = Math.min(min[full], lo);
            max[full] = Math.max(max[full], hi);
            energy[full] += square * perChannel;
            if (++fill == bucketFrames) {
                full++;
                fill = 0;
                if (full == capacity) {
                    mergePairs();
                }
                clear(full);
            }
        }
        frames += frameCount;
    }

    private void mergePairs() {
        for (int b = 0; b < capacity / 2; b++) {
            min[b] = Math.min(min[2 * b], min[2 * b + 1]);
            max[b] = Math.max(max[2 * b], max[2 * b + 1]);
            energy[b] = energy[2 * b] + energy[2 * b + 1];
        }
        full = capacity / 2;
        bucketFrames *= 2;
    }

    private void clear(int bucket) {
        min[bucket] = Double.POSITIVE_INFINITY;
        max[bucket] = Double.NEGATIVE_INFINITY;
        energy[bucket] = 0;
    }

    public long frames() {
        return frames;
    }

    public int sampleRate() {
        return sampleRate;
    }

    public double seconds() {
        return (double) frames / sampleRate;
    }

    public int columns() {
        return columns;
    }

    /** Frames per bucket now (a power of two). */
    long bucketFrames() {
        return bucketFrames;
    }

    /**
     * The overview as exactly {@link #columns()} columns, column j covering frames
     * [j·N/columns, (j+1)·N/columns): {@code [0]} minima, {@code [1]} maxima, {@code [2]} RMS
     * (over channels). Columns with no frames (a stream shorter than the picture) repeat their
     * neighbour; an empty stream gives zeros.
     */
    public double[][] columnsView() {
        double[][] out = new double[3][columns];
        if (frames == 0) {
            return out;
        }
        int buckets = full + (fill > 0 ? 1 : 0);
        int shift = Long.numberOfTrailingZeros(bucketFrames); // a power of two: frames / bucketFrames is a shift
        EvenSplit split = new EvenSplit(frames, columns); // column j starts at frames·j / columns
        for (int j = 0; j < columns; j++) {
            long start = split.advance();
            long end = Math.max(start + 1, split.end());
            int first = (int) Math.min(buckets - 1, start >> shift);
            int last = (int) Math.min(buckets - 1, (end - 1) >> shift);
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            double e = 0;
            long n = 0;
            for (int b = first; b <= last; b++) {
                lo = Math.min(lo, min[b]);
                hi = Math.max(hi, max[b]);
                e += energy[b];
                n += b == full ? fill : bucketFrames;
            }
            out[0][j] = lo;
            out[1][j] = hi;
            out[2][j] = Math.sqrt(e / n);
        }
        return out;
    }
}
