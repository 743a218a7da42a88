package io.mixfarm.engine.codec.wav;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;

/**
 * The {@code ds64} chunk of an RF64/BW64 file (EBU Tech 3306, ITU-R BS.2088): 64-bit sizes for
 * chunks whose 32-bit size field holds 0xFFFFFFFF.
 */
final class Ds64 {
    private static final int DS64 = ChannelBytes.fourCc("ds64");
    /** riffSize, dataSize, sampleCount (8 bytes each) and the table length (4). */
    static final int MIN_SIZE = 28;
    private static final int TABLE_ENTRY = 12;

    private final long dataSize;
    private final Map<Integer, Long> table;
    private final long end;

    private Ds64(long dataSize, Map<Integer, Long> table, long end) {
        this.dataSize = dataSize;
        this.table = table;
        this.end = end;
    }

    /** Reads the ds64 chunk that must follow the RF64 header at {@code position}. */
    static Ds64 read(ChannelBytes in, long position) throws IOException {
        ByteBuffer header = in.read(position, 8, ByteOrder.LITTLE_ENDIAN, "ds64 chunk header");
        int id = ChannelBytes.idAt(header, 0);
        if (id != DS64) {
            throw in.invalid("RF64 file has " + ChannelBytes.fourCc(id) + " where the ds64 chunk must be");
        }
        long size = header.getInt(4) & 0xFFFFFFFFL;
        long body = position + 8;
        if (size < MIN_SIZE || size > in.size() - body) {
            throw in.invalid("ds64 chunk declares " + size + " bytes; needs " + MIN_SIZE
                    + " and must fit the file (" + in.size() + " bytes)");
        }
        // The table is only needed for chunks other than data with 64-bit sizes; a huge one is
        // read as far as the header limit allows.
        int length = (int) Math.min(size, ChannelBytes.MAX_READ);
        ByteBuffer ds = in.read(body, length, ByteOrder.LITTLE_ENDIAN, "ds64 chunk");
        long dataSize = ds.getLong(8);
        if (dataSize < 0) {
            throw in.invalid("ds64 declares a data size of " + Long.toUnsignedString(dataSize) + " bytes");
        }
        long entries = Math.min(ds.getInt(24) & 0xFFFFFFFFL, (length - MIN_SIZE) / TABLE_ENTRY);
        Map<Integer, Long> table = new HashMap<>();
        for (int i = 0; i < entries; i++) {
            int at = MIN_SIZE + i * TABLE_ENTRY;
            long chunkSize = ds.getLong(at + 4);
            if (chunkSize >= 0) {
                table.put(ChannelBytes.idAt(ds, at), chunkSize);
            }
        }
        return new Ds64(dataSize, table, body + size + (size & 1));
    }

    /** Offset just past the ds64 chunk, where the next chunk starts. */
    long end() {
        return end;
    }

    /** The 64-bit size of a chunk whose 32-bit size field is 0xFFFFFFFF. */
    long sizeOf(int chunkId, int dataId, ChannelBytes in) {
        if (chunkId == dataId) {
            return dataSize;
        }
        Long size = table.get(chunkId);
        if (size == null) {
            throw in.invalid("chunk " + ChannelBytes.fourCc(chunkId)
                    + " has size 0xFFFFFFFF but the ds64 table gives no size for it");
        }
        return size;
    }
}
