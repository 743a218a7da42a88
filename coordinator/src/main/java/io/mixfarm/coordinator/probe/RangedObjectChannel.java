package io.mixfarm.coordinator.probe;

import io.mixfarm.contract.S3Uri;
import io.mixfarm.coordinator.storage.ObjectStore;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.util.HashMap;
import java.util.Map;

/**
 * A read-only view of an S3 object as a channel, for opening its header with the engine's
 * readers: {@link #size()} is the object's true size (from HEAD), so a header that declares more
 * data than the object holds is caught; bytes are fetched on demand by ranged GETs of one chunk,
 * and reading more than a budget fails (a header that needs megabytes is refused, not followed).
 */
final class RangedObjectChannel implements SeekableByteChannel {

    private final ObjectStore store;
    private final S3Uri uri;
    private final long size;
    private final int chunkBytes;
    private final long budget;
    private final Map<Long, byte[]> chunks = new HashMap<>();
    private long fetched;
    private long position;
    private boolean open = true;

    /**
     * @param size       the object's size as HEAD reported it
     * @param chunkBytes bytes per ranged GET
     * @param budget     most bytes fetched in total
     */
    RangedObjectChannel(ObjectStore store, S3Uri uri, long size, int chunkBytes, long budget) {
        this.store = store;
        this.uri = uri;
        this.size = size;
        this.chunkBytes = chunkBytes;
        this.budget = budget;
    }

    /** Bytes fetched so far. */
    long fetched() {
        return fetched;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        ensureOpen();
        if (position >= size) {
            return -1;
        }
        int total = 0;
        while (dst.hasRemaining() && position < size) {
            long index = position / chunkBytes;
            byte[] chunk = chunk(index);
            int offset = (int) (position - index * chunkBytes);
            if (offset >= chunk.length) {
                break; // the object ended sooner than HEAD said
            }
            int n = Math.min(dst.remaining(), chunk.length - offset);
            dst.put(chunk, offset, n);
            position += n;
            total += n;
        }
        return total == 0 ? -1 : total;
    }

    private byte[] chunk(long index) throws IOException {
        byte[] chunk = chunks.get(index);
        if (chunk != null) {
            return chunk;
        }
        long from = index * chunkBytes;
        int length = (int) Math.min(chunkBytes, size - from);
        if (fetched + length > budget) {
            throw new HeaderTooLargeException(uri + ": the header needs more than " + budget + " bytes read");
        }
        chunk = store.getRange(uri, from, length);
        fetched += length;
        chunks.put(index, chunk);
        return chunk;
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public long position() throws IOException {
        ensureOpen();
        return position;
    }

    @Override
    public SeekableByteChannel position(long newPosition) throws IOException {
        ensureOpen();
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position " + newPosition);
        }
        position = newPosition;
        return this;
    }

    @Override
    public long size() throws IOException {
        ensureOpen();
        return size;
    }

    @Override
    public SeekableByteChannel truncate(long newSize) {
        throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
        chunks.clear();
    }

    private void ensureOpen() throws ClosedChannelException {
        if (!open) {
            throw new ClosedChannelException();
        }
    }

    /** Reading the header would take more bytes than the probe allows. */
    static final class HeaderTooLargeException extends IOException {
        HeaderTooLargeException(String message) {
            super(message);
        }
    }
}
