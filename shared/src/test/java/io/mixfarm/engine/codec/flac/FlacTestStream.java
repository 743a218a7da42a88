package io.mixfarm.engine.codec.flac;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.function.Consumer;

/**
 * Builds FLAC streams bit by bit for the cases the reference encoders never write (variable
 * block sizes, escaped partitions, chosen Rice methods) and for CRC-valid streams that break a
 * rule. Frames get correct CRCs; STREAMINFO gets the MD5 of what {@link #addSamples} was given.
 */
final class FlacTestStream {

    /** MSB-first bit sink for the test streams. */
    static final class TestBits {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private long acc;
        private int count;

        TestBits put(long value, int bits) {
            for (int i = bits - 1; i >= 0; i--) {
                acc = (acc << 1) | ((value >>> i) & 1);
                if (++count == 8) {
                    out.write((int) acc);
                    acc = 0;
                    count = 0;
                }
            }
            return this;
        }

        TestBits unary(long zeros) {
            for (long i = 0; i < zeros; i++) {
                put(0, 1);
            }
            return put(1, 1);
        }

        TestBits align() {
            while (count != 0) {
                put(0, 1);
            }
            return this;
        }

        byte[] bytes() {
            align();
            return out.toByteArray();
        }
    }

    /** How a partition's residual is coded. */
    enum Coding { RICE, RICE2, ESCAPE }

    private final int rate;
    private final int channels;
    private final int bps;
    private final int maxBlock;
    private final ByteArrayOutputStream frames = new ByteArrayOutputStream();
    private final MessageDigest md5;
    private long samples;

    FlacTestStream(int rate, int channels, int bps, int maxBlock) throws Exception {
        this.rate = rate;
        this.channels = channels;
        this.bps = bps;
        this.maxBlock = maxBlock;
        md5 = MessageDigest.getInstance("MD5");
    }

    /** Counts {@code block} (planar) into the total and the MD5. */
    void addSamples(int[][] block, int n) {
        int bytes = (bps + 7) / 8;
        for (int i = 0; i < n; i++) {
            for (int[] ch : block) {
                for (int b = 0; b < bytes; b++) {
                    md5.update((byte) (ch[i] >> (8 * b)));
                }
            }
        }
        samples += n;
    }

    /**
     * Appends a frame: header (block size and sample rate as explicit / STREAMINFO codes, bits
     * "as STREAMINFO"), the {@code body}, and the CRC-16 footer.
     */
    void frame(boolean variable, long number, int blockSize, int channelCode, Consumer<TestBits> body) {
        TestBits bits = new TestBits();
        bits.put(0x7FFC, 15).put(variable ? 1 : 0, 1);
        bits.put(blockSize <= 256 ? 6 : 7, 4).put(0, 4).put(channelCode, 4).put(0, 3).put(0, 1);
        putCodedNumber(bits, number);
        bits.put(blockSize - 1, blockSize <= 256 ? 8 : 16);
        byte[] header = bits.bytes();
        bits.put(FlacCrc.crc8(0, header, 0, header.length), 8);
        body.accept(bits);
        byte[] frame = bits.bytes();
        int crc = FlacCrc.crc16(0, frame, 0, frame.length);
        frames.write(frame, 0, frame.length);
        frames.write(crc >> 8);
        frames.write(crc & 0xFF);
    }

    static void putCodedNumber(TestBits bits, long v) {
        if (v < 0x80) {
            bits.put(v, 8);
            return;
        }
        int n = 2;
        while (v >= (1L << (5 * n + 1)) && n < 7) {
            n++;
        }
        bits.put((0xFF00 >> n) & 0xFF | (v >>> (6 * (n - 1))), 8);
        for (int i = n - 2; i >= 0; i--) {
            bits.put(0x80 | ((v >>> (6 * i)) & 0x3F), 8);
        }
    }

    /** A VERBATIM subframe of {@code sbps} bits. */
    static void verbatim(TestBits bits, int[] s, int n, int sbps) {
        bits.put(0, 1).put(1, 6).put(0, 1);
        for (int i = 0; i < n; i++) {
            bits.put(s[i], sbps);
        }
    }

    /** A FIXED subframe of the given order whose partitions cycle through {@code codings}. */
    static void fixed(TestBits bits, int[] s, int n, int sbps, int order, int partitionOrder, Coding... codings) {
        bits.put(0, 1).put(8 + order, 6).put(0, 1);
        fixedBody(bits, s, n, sbps, order, partitionOrder, codings);
    }

    /** Warm-up and residual of a FIXED subframe whose header the caller wrote. */
    static void fixedBody(TestBits bits, int[] s, int n, int sbps, int order, int partitionOrder, Coding... codings) {
        int[] residual = new int[n];
        for (int i = 0; i < n; i++) {
            long p = i < order ? 0 : switch (order) {
                case 0 -> 0;
                case 1 -> s[i - 1];
                case 2 -> 2L * s[i - 1] - s[i - 2];
                case 3 -> 3L * (s[i - 1] - s[i - 2]) + s[i - 3];
                default -> 4L * (s[i - 1] + s[i - 3]) - 6L * s[i - 2] - s[i - 4];
            };
            residual[i] = (int) (s[i] - p);
        }
        for (int i = 0; i < order; i++) {
            bits.put(s[i], sbps);
        }
        residual(bits, residual, n, order, partitionOrder, codings);
    }

    /** An LPC subframe with the given coefficients (most recent sample first), precision and shift. */
    static void lpc(TestBits bits, int[] s, int n, int sbps, int[] coefs, int precision, int shift, Coding coding) {
        int order = coefs.length;
        bits.put(0, 1).put(31 + order, 6).put(0, 1);
        for (int i = 0; i < order; i++) {
            bits.put(s[i], sbps);
        }
        bits.put(precision - 1, 4).put(shift, 5);
        for (int c : coefs) {
            bits.put(c, precision);
        }
        int[] residual = new int[n];
        for (int i = order; i < n; i++) {
            long sum = 0;
            for (int j = 0; j < order; j++) {
                sum += (long) coefs[j] * s[i - 1 - j];
            }
            residual[i] = (int) (s[i] - (sum >> Math.max(shift, 0)));
        }
        residual(bits, residual, n, order, 0, coding);
    }

    static void residual(TestBits bits, int[] r, int n, int order, int partitionOrder, Coding... codings) {
        boolean rice2 = java.util.Arrays.asList(codings).contains(Coding.RICE2);
        int paramBits = rice2 ? 5 : 4;
        bits.put(rice2 ? 1 : 0, 2).put(partitionOrder, 4);
        int per = n >> partitionOrder;
        for (int p = 0; p < (1 << partitionOrder); p++) {
            int from = p == 0 ? order : p * per;
            int to = (p + 1) * per;
            Coding coding = codings[p % codings.length];
            if (coding == Coding.ESCAPE) {
                int raw = 0;
                for (int i = from; i < to; i++) {
                    raw = Math.max(raw, 33 - Integer.numberOfLeadingZeros(r[i] ^ (r[i] >> 31)));
                }
                raw = raw == 1 && allZero(r, from, to) ? 0 : raw;
                bits.put((1 << paramBits) - 1, paramBits).put(raw, 5);
                for (int i = from; i < to && raw > 0; i++) {
                    bits.put(r[i], raw);
                }
            } else {
                int k = bestRice(r, from, to, rice2 ? 30 : 14);
                bits.put(k, paramBits);
                for (int i = from; i < to; i++) {
                    long u = ((long) r[i] << 1) ^ (r[i] >> 31);
                    bits.unary(u >>> k).put(u, k);
                }
            }
        }
    }

    private static boolean allZero(int[] r, int from, int to) {
        for (int i = from; i < to; i++) {
            if (r[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static int bestRice(int[] r, int from, int to, int maxK) {
        int best = 0;
        long bestBits = Long.MAX_VALUE;
        for (int k = 0; k < maxK; k++) {
            long total = 0;
            for (int i = from; i < to; i++) {
                long u = ((long) r[i] << 1) ^ (r[i] >> 31);
                total += (u >>> k) + 1 + k;
            }
            if (total < bestBits) {
                bestBits = total;
                best = k;
            }
        }
        return best;
    }

    /** The whole stream: "fLaC", STREAMINFO (last block) and the frames. */
    byte[] finish(boolean knownLength, boolean withMd5) {
        TestBits bits = new TestBits();
        bits.put(0x664C6143L, 32).put(1, 1).put(0, 7).put(34, 24);
        bits.put(16, 16).put(maxBlock, 16).put(0, 24).put(0, 24);
        bits.put(rate, 20).put(channels - 1, 3).put(bps - 1, 5).put(knownLength ? samples : 0, 36);
        byte[] digest = withMd5 ? md5.digest() : new byte[16];
        for (byte b : digest) {
            bits.put(b & 0xFF, 8);
        }
        byte[] head = bits.bytes();
        byte[] body = frames.toByteArray();
        byte[] all = java.util.Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }
}
