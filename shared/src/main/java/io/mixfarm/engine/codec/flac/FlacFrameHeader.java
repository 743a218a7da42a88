package io.mixfarm.engine.codec.flac;

import java.io.IOException;

/**
 * One frame header (RFC 9639 section 9.1), parsed in place into reused fields.
 *
 * <p>Reserved codes found while parsing are kept and reported only after the CRC-8 matched, so
 * a damaged header is reported as a CRC-8 mismatch rather than as whatever its damage decodes to.
 */
final class FlacFrameHeader {
    static final int INDEPENDENT = 0;
    static final int LEFT_SIDE = 8;
    static final int RIGHT_SIDE = 9;
    static final int MID_SIDE = 10;

    private static final int SYNC = 0x7FFC; // 15-bit sync code 0b111111111111100
    private static final int[] RATES = {
        0, 88_200, 176_400, 192_000, 8_000, 16_000, 22_050, 24_000, 32_000, 44_100, 48_000, 96_000
    };
    private static final int[] BITS = {0, 8, 12, -1, 16, 20, 24, 32};

    boolean variableBlockSize;
    int blockSize;
    /** Sample rate the frame states, or 0 for "as STREAMINFO". */
    int sampleRate;
    /** 0-7: independent channels (count - 1); 8 left/side; 9 right/side; 10 mid/side. */
    int channelAssignment;
    int channels;
    /** Bit depth the frame states, or 0 for "as STREAMINFO". */
    int bitsPerSample;
    /** Frame number (fixed block size) or first sample number (variable block size). */
    long number;

    /**
     * Reads a header from the byte-aligned reader (marked at the frame start) and verifies its CRC-8.
     *
     * @throws FlacFormatException on a missing sync code, CRC-8 mismatch or reserved code
     */
    void read(FlacBitReader in) throws IOException {
        if (in.readBits(15) != SYNC) {
            throw new FlacFormatException("no frame sync code at byte " + (in.bytePosition() - 2));
        }
        variableBlockSize = in.readBits(1) == 1;
        int sizeCode = in.readBits(4);
        int rateCode = in.readBits(4);
        int channelCode = in.readBits(4);
        int bitsCode = in.readBits(3);
        String reserved = null;
        if (in.readBits(1) != 0) {
            reserved = "reserved bit in frame header is set";
        }
        number = readCodedNumber(in, variableBlockSize ? 7 : 6);

        if (sizeCode == 0) {
            reserved = "reserved block size code 0";
        } else if (sizeCode == 1) {
            blockSize = 192;
        } else if (sizeCode <= 5) {
            blockSize = 576 << (sizeCode - 2);
        } else if (sizeCode == 6) {
            blockSize = in.readBits(8) + 1;
        } else if (sizeCode == 7) {
            blockSize = in.readBits(16) + 1;
        } else {
            blockSize = 256 << (sizeCode - 8);
        }

        if (rateCode < 12) {
            sampleRate = RATES[rateCode];
        } else if (rateCode == 12) {
            sampleRate = in.readBits(8) * 1000;
        } else if (rateCode == 13) {
            sampleRate = in.readBits(16);
        } else if (rateCode == 14) {
            sampleRate = in.readBits(16) * 10;
        } else {
            reserved = "reserved sample rate code 15";
        }

        channelAssignment = channelCode;
        if (channelCode < 8) {
            channels = channelCode + 1;
        } else if (channelCode <= MID_SIDE) {
            channels = 2;
        } else {
            reserved = "reserved channel assignment " + channelCode;
        }

        bitsPerSample = BITS[bitsCode];
        if (bitsPerSample < 0) {
            reserved = "reserved bit depth code 3";
        }

        int crc = in.crc8SinceMark();
        if (in.readBits(8) != crc) {
            throw new FlacFormatException("CRC-8 mismatch in frame header");
        }
        if (reserved != null) {
            throw new FlacFormatException(reserved);
        }
    }

    /** The UTF-8-like coded frame or sample number, up to {@code maxBytes} bytes long. */
    private static long readCodedNumber(FlacBitReader in, int maxBytes) throws IOException {
        int first = in.readBits(8);
        int extra = Integer.numberOfLeadingZeros(~(first << 24)); // leading one bits
        if (extra == 0) {
            return first;
        }
        if (extra == 1 || extra > maxBytes) {
            throw new FlacFormatException("invalid coded frame number (first byte 0x"
                    + Integer.toHexString(first) + ")");
        }
        long value = first & (0x7F >>> extra);
        for (int i = 1; i < extra; i++) {
            int b = in.readBits(8);
            if ((b & 0xC0) != 0x80) {
                throw new FlacFormatException("invalid coded frame number (continuation byte 0x"
                        + Integer.toHexString(b) + ")");
            }
            value = (value << 6) | (b & 0x3F);
        }
        return value;
    }
}
