package io.mixfarm.engine.codec.wav;

import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SeekableByteChannel;
import java.util.Arrays;

/**
 * An in-memory {@link SeekableByteChannel} for fast header tests. It can also claim a size
 * larger than its content, like a file shrinking while it is read.
 */
public final class ByteArrayChannel implements SeekableByteChannel {
    private byte[] data;
    private int length;
    private long position;
    private boolean open = true;
    private final long claimedSize;

    public ByteArrayChannel(byte[] content) {
        this(content, -1);
    }

    /** A channel whose {@link #size()} reports {@code claimedSize} while holding only {@code content}. */
    public ByteArrayChannel(byte[] content, long claimedSize) {
        this.data = content.clone();
        this.length = content.length;
        this.claimedSize = claimedSize;
    }

    public ByteArrayChannel() {
        this(new byte[0]);
    }

    /** The bytes written so far. */
    public byte[] toByteArray() {
        return Arrays.copyOf(data, length);
    }

    @Override
    public int read(ByteBuffer dst) throws ClosedChannelException {
        checkOpen();
        if (position >= length) {
            return -1;
        }
        int n = (int) Math.min(dst.remaining(), length - position);
        dst.put(data, (int) position, n);
        position += n;
        return n;
    }

    @Override
    public int write(ByteBuffer src) throws ClosedChannelException {
        checkOpen();
        int n = src.remaining();
        long end = position + n;
        if (end > data.length) {
            data = Arrays.copyOf(data, (int) Math.max(end, data.length * 2L));
        }
        src.get(data, (int) position, n);
        position = end;
        length = (int) Math.max(length, end);
        return n;
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public SeekableByteChannel position(long newPosition) {
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position " + newPosition);
        }
        position = newPosition;
        return this;
    }

    @Override
    public long size() {
        return claimedSize >= 0 ? claimedSize : length;
    }

    @Override
    public SeekableByteChannel truncate(long size) {
        length = (int) Math.min(length, size);
        position = Math.min(position, size);
        return this;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
    }

    private void checkOpen() throws ClosedChannelException {
        if (!open) {
            throw new ClosedChannelException();
        }
    }
}
