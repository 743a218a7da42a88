package io.mixfarm.engine.codec.flac;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The table-driven (sliced) CRCs agree with the catalogue check values and a bit-by-bit reference. */
class FlacCrcSlicingTest {
    private static final byte[] CHECK_INPUT = "123456789".getBytes(StandardCharsets.US_ASCII);

    @Test
    void catalogueCheckValues() {
        assertEquals(0xF4, FlacCrc.crc8(0, CHECK_INPUT, 0, CHECK_INPUT.length)); // CRC-8 (SMBus)
        assertEquals(0xFEE8, FlacCrc.crc16(0, CHECK_INPUT, 0, CHECK_INPUT.length)); // CRC-16/UMTS
    }

    @Test
    void crc16MatchesBitwiseReferenceForEveryLengthAndOffsetAndContinuation() {
        byte[] data = new byte[300];
        new Random(5).nextBytes(data);
        for (int from = 0; from < 9; from++) {
            for (int to = from; to <= data.length; to += 1 + to % 7) {
                int expected = bitwiseCrc16(0, data, from, to);
                assertEquals(expected, FlacCrc.crc16(0, data, from, to), "bytes " + from + ".." + to);
                int mid = (from + to) / 2;
                assertEquals(expected, FlacCrc.crc16(FlacCrc.crc16(0, data, from, mid), data, mid, to),
                        "continued at " + mid);
            }
        }
    }

    private static int bitwiseCrc16(int crc, byte[] data, int from, int to) {
        for (int i = from; i < to; i++) {
            crc ^= (data[i] & 0xFF) << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? ((crc << 1) ^ 0x8005) & 0xFFFF : (crc << 1) & 0xFFFF;
            }
        }
        return crc;
    }
}
