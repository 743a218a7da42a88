package io.mixfarm.engine.codec.flac;

import java.io.EOFException;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.util.Arrays;

/**
 * MSB-first bit reader over a large byte buffer refilled from a channel, with a 64-bit cache.
 *
 * <p>The cache holds the next {@code bits} unread bits left-aligned; bits below them may already
 * hold the following stream bits (loaded eight bytes at a time), which a later load ORs in again
 * unchanged. {@code bits} never exceeds 63 so every shift by a consumed length is below 64.
 *
 * <p>While a frame is marked, its bytes stay contiguous in the buffer (the buffer grows up to a
 * bound if a frame is larger) so both CRCs are computed over the buffer directly.
 * Running out of input throws {@link EOFException}.
 */
final class FlacBitReader {
    private static final VarHandle BE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final int INITIAL_BUFFER = 1 << 18;

    private final SeekableByteChannel channel;
    private byte[] buf = new byte[INITIAL_BUFFER];
    private ByteBuffer view = ByteBuffer.wrap(buf);
    private int maxBuffer = INITIAL_BUFFER;
    private long base;      // stream offset of buf[0]
    private int pos;        // next byte of buf to load into the cache
    private int limit;      // end of valid bytes in buf
    private boolean eof;
    private long cache;
    private int bits;
    private int mark = -1;  // buffer index of the marked frame's first byte, or -1

    FlacBitReader(SeekableByteChannel channel) {
        this.channel = channel;
    }

    /** Lets the buffer grow to hold a frame of up to {@code bytes} (plus slack). */
    void allowFrameBytes(int bytes) {
        maxBuffer = Math.max(INITIAL_BUFFER, bytes + 64);
    }

    /** Bytes consumed from the stream so far (rounded down). */
    long bytePosition() {
        return ((base + pos) * 8 - bits) >>> 3;
    }

    boolean isByteAligned() {
        return (bits & 7) == 0;
    }

    void alignToByte() {
        int r = bits & 7;
        cache <<= r;
        bits -= r;
    }

    /** True at the end of input; call only when byte-aligned. */
    boolean atEnd() throws IOException {
        if (bits > 0 || pos < limit) {
            return false;
        }
        fill();
        return pos >= limit;
    }

    /** Reads {@code n} (1 to 32) bits as an unsigned value (the raw pattern when {@code n} is 32). */
    int readBits(int n) throws IOException {
        need(n);
        int v = (int) (cache >>> (64 - n));
        cache <<= n;
        bits -= n;
        return v;
    }

    /** Reads {@code n} (1 to 32) bits as a two's complement value. */
    int readSigned(int n) throws IOException {
        need(n);
        int v = (int) (cache >> (64 - n));
        cache <<= n;
        bits -= n;
        return v;
    }

    /** Reads {@code n} (1 to 33) bits as a two's complement value. */
    long readSignedLong(int n) throws IOException {
        need(n);
        long v = cache >> (64 - n);
        cache <<= n;
        bits -= n;
        return v;
    }

    /** Counts zero bits up to the next one bit (consumed); more than {@code max} zeros is an error. */
    int readUnary(int max) throws IOException {
        int count = 0;
        while (true) {
            if (bits == 0) {
                need(1);
            }
            int lz = Long.numberOfLeadingZeros(cache);
            if (lz < bits) {
                count += lz;
                cache <<= lz + 1;
                bits -= lz + 1;
                return checkUnary(count, max);
            }
            count += bits;
            cache = 0;
            bits = 0;
            checkUnary(count, max);
        }
    }

    private static int checkUnary(int count, int max) {
        if (count > max) {
            throw new FlacFormatException("unary run of over " + max + " zero bits");
        }
        return count;
    }

    /**
     * Reads Rice-coded residuals with parameter {@code k} (0 to 30) into {@code dst[from .. to)}.
     * The hot path keeps cache, bit count and buffer position in locals.
     */
    void readRice(int[] dst, int from, int to, int k) throws IOException {
        long c = cache;
        int b = bits;
        int p = pos;
        byte[] in = buf;
        int safeEnd = limit - 8;
        final int km = 63 - k;
        for (int i = from; i < to; i++) {
            if (b < 32 && p <= safeEnd) {
                c |= (long) BE_LONG.get(in, p) >>> b;
                int take = (63 - b) >>> 3;
                p += take;
                b += take << 3;
            }
            int lz = Long.numberOfLeadingZeros(c);
            int len = lz + 1 + k;
            int u;
            if (len <= b) {
                u = ((lz - 1) << k) + (int) ((c << lz) >>> km);
                c <<= len;
                b -= len;
            } else {
                cache = c;
                bits = b;
                pos = p;
                u = slowRice(k);
                // the slow path may have compacted or replaced the buffer
                c = cache;
                b = bits;
                p = pos;
                in = buf;
                safeEnd = limit - 8;
            }
            dst[i] = (u >>> 1) ^ -(u & 1);
        }
        cache = c;
        bits = b;
        pos = p;
    }

    /** One Rice value when the cache does not hold it whole: long unary runs or a buffer edge. */
    private int slowRice(int k) throws IOException {
        long q = 0;
        long maxQ = 0xFFFF_FFFFL >>> k;
        while (true) {
            if (bits < 56) {
                refill();
                if (bits == 0) {
                    throw new EOFException();
                }
            }
            int lz = Long.numberOfLeadingZeros(cache);
            if (lz < bits) {
                q += lz;
                cache <<= lz + 1;
                bits -= lz + 1;
                break;
            }
            q += bits;
            cache = 0;
            bits = 0;
            if (q > maxQ) {
                break;
            }
        }
        if (q > maxQ) {
            throw new FlacFormatException("Rice-coded residual does not fit in 32 bits");
        }
        long low = k == 0 ? 0 : readBits(k) & 0xFFFF_FFFFL;
        return (int) ((q << k) | low);
    }

    /** Skips {@code n} bytes; call only when byte-aligned and no frame is marked. */
    void skipBytes(long n) throws IOException {
        long target = bytePosition() + n;
        cache = 0;
        bits = 0;
        if (target <= base + limit) {
            pos = (int) (target - base);
            return;
        }
        if (target > channel.size()) {
            throw new EOFException();
        }
        channel.position(target);
        base = target;
        pos = 0;
        limit = 0;
        eof = false;
    }

    /** Marks the current (byte-aligned) position as the start of a frame for the CRCs. */
    void markFrameStart() throws IOException {
        alignToByte();
        // drop cached whole bytes back into the buffer so the mark is a plain index
        pos -= bits >>> 3;
        cache = 0;
        bits = 0;
        mark = pos;
        if (limit - pos < 32) {
            fill();
        }
    }

    void clearMark() {
        mark = -1;
    }

    /** CRC-8 of the marked frame's bytes up to the current (byte-aligned) position. */
    int crc8SinceMark() {
        return FlacCrc.crc8(0, buf, mark, alignedIndex());
    }

    /** CRC-16 of the marked frame's bytes up to the current (byte-aligned) position. */
    int crc16SinceMark() {
        return FlacCrc.crc16(0, buf, mark, alignedIndex());
    }

    private int alignedIndex() {
        return pos - (bits >>> 3);
    }

    private void need(int n) throws IOException {
        if (bits < n) {
            refill();
            if (bits < n) {
                throw new EOFException();
            }
        }
    }

    /** Tops the cache up to at least 56 bits unless the input ends first. */
    private void refill() throws IOException {
        if (limit - pos < 8) {
            fill();
            if (limit - pos < 8) {
                while (bits <= 55 && pos < limit) {
                    cache |= (long) (buf[pos++] & 0xFF) << (56 - bits);
                    bits += 8;
                }
                return;
            }
        }
        cache |= (long) BE_LONG.get(buf, pos) >>> bits;
        int take = (63 - bits) >>> 3;
        pos += take;
        bits += take << 3;
    }

    /** Moves unread (or marked) bytes to the front of the buffer and reads more from the channel. */
    private void fill() throws IOException {
        if (eof) {
            return;
        }
        // keep every byte that still holds unread bits, or the whole marked frame
        int keep = mark >= 0 ? mark : pos - ((bits + 7) >>> 3);
        if (keep > 0) {
            System.arraycopy(buf, keep, buf, 0, limit - keep);
            base += keep;
            pos -= keep;
            limit -= keep;
            if (mark >= 0) {
                mark -= keep;
            }
        }
        if (limit == buf.length) {
            if (buf.length >= maxBuffer) {
                throw new FlacFormatException("frame is longer than " + maxBuffer + " bytes, the most its header allows");
            }
            buf = Arrays.copyOf(buf, (int) Math.min(maxBuffer, 2L * buf.length));
            view = ByteBuffer.wrap(buf);
        }
        int n;
        do {
            view.limit(buf.length).position(limit);
            n = channel.read(view);
        } while (n == 0);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
    }
}
