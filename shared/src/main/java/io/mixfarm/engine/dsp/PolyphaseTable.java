package io.mixfarm.engine.dsp;

/**
 * The immutable filter of a rational sample-rate conversion fsOut/fsIn = L/M (reduced by the
 * gcd): a linear-phase Kaiser-windowed-sinc low-pass at the virtual rate L·fsIn, split into L
 * polyphase branches of {@link #tapsPerPhase()} taps each.
 *
 * <p>Design, with fsLow = min(fsIn, fsOut): passband edge 0.45·fsLow, stopband edge 0.5·fsLow
 * (so nothing above the lower Nyquist can alias or image back), cut-off midway at 0.475·fsLow.
 * The Kaiser window is designed for {@value #DESIGN_ATTENUATION_DB} dB (β = 0.1102·(A − 8.7),
 * length from Kaiser's formula (A − 7.95)/(2.285·Δω)), which leaves a margin over the 100 dB
 * stopband requirement and makes passband ripple about 10^(−A/20), far inside 0.01 dB.
 *
 * <p>The filter centre is placed at a multiple of M on the virtual grid, so the group delay is an
 * integer number of output frames: {@link #latencyFrames()}.
 */
public final class PolyphaseTable {

    /** Stopband attenuation the Kaiser design aims for. */
    public static final double DESIGN_ATTENUATION_DB = 112;
    private static final long MAX_TABLE_SIZE = 1L << 24;

    private final int inRate;
    private final int outRate;
    private final int up;
    private final int down;
    private final int taps;
    private final int latency;
    private final double[] coefficients;

    private PolyphaseTable(int inRate, int outRate) {
        this.inRate = inRate;
        this.outRate = outRate;
        int g = gcd(inRate, outRate);
        this.up = outRate / g;
        this.down = inRate / g;

        double fsLow = Math.min(inRate, outRate);
        double transition = 0.05 * fsLow;
        double cutoff = 0.475 * fsLow;
        double a = DESIGN_ATTENUATION_DB;
        double beta = 0.1102 * (a - 8.7);
        double lengthIn = (a - 7.95) / (2.285 * 2 * Math.PI * transition / inRate);
        // Slack of M/L input samples absorbs placing the centre on a multiple of M.
        this.taps = (int) Math.ceil(lengthIn + (double) down / up) + 2;
        long size = (long) up * taps;
        if (size > MAX_TABLE_SIZE) {
            throw new IllegalArgumentException("conversion " + inRate + " -> " + outRate + " needs a "
                    + size + "-coefficient table (ratio " + up + "/" + down + " too complex)");
        }
        long virtualLength = size;
        this.latency = (int) Math.round((virtualLength - 1) / (2.0 * down));
        long centre = (long) latency * down;
        double halfWidth = Math.min(centre, virtualLength - 1 - centre);
        this.coefficients = buildTable(cutoff / ((double) up * inRate), beta, centre, halfWidth);
    }

    /** The table for converting {@code inRate} Hz to {@code outRate} Hz. */
    public static PolyphaseTable design(int inRate, int outRate) {
        if (inRate < 1000 || inRate > 768000 || outRate < 1000 || outRate > 768000) {
            throw new IllegalArgumentException("sample rates must be in [1000, 768000] Hz, were "
                    + inRate + " -> " + outRate);
        }
        return new PolyphaseTable(inRate, outRate);
    }

    /**
     * Lays out h[j] = L·2fc·sinc(2fc(j − c))·kaiser((j − c)/W) so that branch p, tap m multiplies
     * x[q − T + 1 + m] for an output whose virtual index is q·L + p.
     */
    private double[] buildTable(double fcNorm, double beta, long centre, double halfWidth) {
        double[] table = new double[up * taps];
        double i0Beta = besselI0(beta);
        for (int p = 0; p < up; p++) {
            for (int m = 0; m < taps; m++) {
                long j = p + (long) (taps - 1 - m) * up;
                double t = j - centre;
                double r = t / halfWidth;
                if (Math.abs(r) > 1) {
                    continue;
                }
                double window = besselI0(beta * Math.sqrt(1 - r * r)) / i0Beta;
                table[p * taps + m] = up * 2 * fcNorm * sinc(2 * fcNorm * t) * window;
            }
        }
        return table;
    }

    private static double sinc(double x) {
        if (x == 0) {
            return 1;
        }
        double px = Math.PI * x;
        return Math.sin(px) / px;
    }

    /** Modified Bessel function of the first kind, order 0 (power series). */
    static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double q = x * x / 4;
        for (int k = 1; k < 1000; k++) {
            term *= q / ((double) k * k);
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
        }
        return sum;
    }

    static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    public int inRate() {
        return inRate;
    }

    public int outRate() {
        return outRate;
    }

    /** Interpolation factor L. */
    public int up() {
        return up;
    }

    /** Decimation factor M. */
    public int down() {
        return down;
    }

    /** Taps per polyphase branch (input samples each output depends on). */
    public int tapsPerPhase() {
        return taps;
    }

    /** Group delay in output frames: input time t comes out at output time t + latency/fsOut. */
    public int latencyFrames() {
        return latency;
    }

    double[] coefficients() {
        return coefficients;
    }
}
