package io.mixfarm.engine.codec.flac;

/**
 * The two checksums of the FLAC frame format: CRC-8 (polynomial x^8+x^2+x+1, 0x07) over the
 * frame header and CRC-16 (polynomial x^16+x^15+x^2+1, 0x8005) over the whole frame, both
 * MSB-first with initial value 0, table driven.
 */
public final class FlacCrc {
    private static final int[] CRC8 = new int[256];
    private static final int[] CRC16 = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int c8 = i;
            int c16 = i << 8;
            for (int bit = 0; bit < 8; bit++) {
                c8 = (c8 & 0x80) != 0 ? ((c8 << 1) ^ 0x07) & 0xFF : (c8 << 1) & 0xFF;
                c16 = (c16 & 0x8000) != 0 ? ((c16 << 1) ^ 0x8005) & 0xFFFF : (c16 << 1) & 0xFFFF;
            }
            CRC8[i] = c8;
            CRC16[i] = c16;
        }
    }

    private FlacCrc() {
    }

    /** Continues a CRC-8 over {@code data[from .. to)}. Start with {@code crc = 0}. */
    public static int crc8(int crc, byte[] data, int from, int to) {
        for (int i = from; i < to; i++) {
            crc = CRC8[(crc ^ data[i]) & 0xFF];
        }
        return crc;
    }

    /** Continues a CRC-16 over {@code data[from .. to)}. Start with {@code crc = 0}. */
    public static int crc16(int crc, byte[] data, int from, int to) {
        for (int i = from; i < to; i++) {
            crc = ((crc << 8) & 0xFFFF) ^ CRC16[((crc >>> 8) ^ data[i]) & 0xFF];
        }
        return crc;
    }
}
