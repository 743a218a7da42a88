package io.mixfarm.engine.codec.wav;

import io.mixfarm.engine.audio.InvalidAudioException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;

/**
 * Reads small header structures at absolute offsets of a channel, checking every read against
 * the file's size first so a lying header becomes an {@link InvalidAudioException}, never a
 * hang or a huge allocation. Shared by the WAV and AIFF readers.
 */
public final class ChannelBytes {
    /** The largest header structure a reader may ask for at once. */
    public static final int MAX_READ = 1024;
    /** Consecutive empty reads after which a channel is declared stuck (file channels never do this). */
    private static final int MAX_EMPTY_READS = 64;

    private final SeekableByteChannel channel;
    private final String source;
    private final long size;
    private final ByteBuffer scratch = ByteBuffer.allocate(MAX_READ);

    public ChannelBytes(SeekableByteChannel channel, String source) throws IOException {
        this.channel = channel;
        this.source = source;
        this.size = channel.size();
    }

    /** The file's length in bytes, read once when this was created. */
    public long size() {
        return size;
    }

    public String source() {
        return source;
    }

    /** An {@link InvalidAudioException} for this source. */
    public InvalidAudioException invalid(String reason) {
        return new InvalidAudioException(source, reason);
    }

    /**
     * Reads {@code length} bytes at {@code position} into a shared scratch buffer (valid until the
     * next call), or throws naming {@code what} if the file ends before them.
     */
    public ByteBuffer read(long position, int length, ByteOrder order, String what) throws IOException {
        if (length > MAX_READ) {
            throw new IllegalArgumentException("header read of " + length + " bytes exceeds " + MAX_READ);
        }
        if (position > size - length) {
            throw invalid("file ends inside the " + what + " at offset " + position
                    + " (file is " + size + " bytes)");
        }
        scratch.clear().limit(length);
        channel.position(position);
        readFully(channel, scratch, source, what);
        scratch.flip();
        return scratch.order(order);
    }

    /**
     * Fills {@code buffer} from the channel's current position; end of file before it is full is a
     * truncated file, reported with {@code what}.
     */
    public static void readFully(SeekableByteChannel channel, ByteBuffer buffer, String source, String what)
            throws IOException {
        int empty = 0;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer);
            if (n < 0) {
                throw new InvalidAudioException(source, "file ends inside the " + what + " (truncated)");
            }
            empty = n == 0 ? empty + 1 : 0;
            if (empty > MAX_EMPTY_READS) {
                throw new IOException(source + ": channel returned no bytes " + empty + " times in a row");
            }
        }
    }

    /** Four ASCII bytes as text, or as hex when they are not printable (a corrupt chunk id). */
    public static String fourCc(int bigEndianId) {
        StringBuilder text = new StringBuilder(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            int ch = (bigEndianId >>> shift) & 0xFF;
            if (ch < 0x20 || ch > 0x7E) {
                return String.format("0x%08X", bigEndianId);
            }
            text.append((char) ch);
        }
        return "'" + text + "'";
    }

    /** The four bytes at {@code index} as a big-endian int, whatever the buffer's order (chunk ids). */
    public static int idAt(ByteBuffer buffer, int index) {
        return (buffer.get(index) & 0xFF) << 24 | (buffer.get(index + 1) & 0xFF) << 16
                | (buffer.get(index + 2) & 0xFF) << 8 | (buffer.get(index + 3) & 0xFF);
    }

    /** The big-endian int of a four-character code, for comparisons. */
    public static int fourCc(String code) {
        return code.charAt(0) << 24 | code.charAt(1) << 16 | code.charAt(2) << 8 | code.charAt(3);
    }
}
