package io.mixfarm.engine.codec.flac;

/**
 * The two checksums of the FLAC frame format: CRC-8 (polynomial x^8+x^2+x+1, 0x07) over the
 * frame header and CRC-16 (polynomial x^16+x^15+x^2+1, 0x8005) over the whole frame, both
 * MSB-first with initial value 0, table driven. CRC-16 runs over whole frames, so it takes eight
 * bytes per step (slicing-by-8: table k gives a byte's effect k bytes before the end of the step).
 */
public final class FlacCrc {
    private static final int[] CRC8 = new int[256];
    private static final int[] CRC16 = new int[256];
    /** {@code SLICES[k][b]}: the CRC-16 of byte b followed by k zero bytes. */
    private static final int[][] SLICES = new int[8][256];

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
        SLICES[0] = CRC16;
        for (int k = 1; k < 8; k++) {
            for (int b = 0; b < 256; b++) {
                int c = SLICES[k - 1][b];
                SLICES[k][b] = ((c << 8) & 0xFFFF) ^ CRC16[c >>> 8];
            }
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
        final int[] s0 = SLICES[0], s1 = SLICES[1], s2 = SLICES[2], s3 = SLICES[3];
        final int[] s4 = SLICES[4], s5 = SLICES[5], s6 = SLICES[6], s7 = SLICES[7];
        int i = from;
        for (; i + 8 <= to; i += 8) {
            crc = s7[((crc >>> 8) ^ data[i]) & 0xFF] ^ s6[(crc ^ data[i + 1]) & 0xFF]
                    ^ s5[data[i + 2] & 0xFF] ^ s4[data[i + 3] & 0xFF] ^ s3[data[i + 4] & 0xFF]
                    ^ s2[data[i + 5] & 0xFF] ^ s1[data[i + 6] & 0xFF] ^ s0[data[i + 7] & 0xFF];
        }
        for (; i < to; i++) {
            crc = ((crc << 8) & 0xFFFF) ^ CRC16[((crc >>> 8) ^ data[i]) & 0xFF];
        }
        return crc;
    }
}
