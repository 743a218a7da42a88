package io.mixfarm.engine.deliver;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hand-made zlib stream inflates (checksum verified by zlib) to exactly the rows given. */
class RunDeflaterTest {

    @Test
    void rowsOfRunsNoiseAndOddLengthsInflateToThemselves() throws DataFormatException {
        SplittableRandom random = new SplittableRandom(5);
        RunDeflater deflater = new RunDeflater();
        for (int stream = 0; stream < 3; stream++) { // the same deflater again: nothing carries over
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            deflater.start();
            for (int r = 0; r < 300; r++) {
                int n = r < 12 ? r + 1 : 1 + 3 * random.nextInt(1, 2000);
                byte[] row = new byte[n + 7];
                row[0] = (byte) random.nextInt(5);
                for (int i = 1; i < n; i++) {
                    row[i] = switch (r % 4) {
                        case 0 -> 0; // an unchanged row under Up
                        case 1 -> (byte) random.nextInt(256); // noise: literals only, many 9-bit ones
                        case 2 -> i > 3 && random.nextInt(50) != 0 ? row[i - 3] : (byte) random.nextInt(256);
                        default -> (byte) ((i / 97) % 3 == 0 ? random.nextInt(3) : 0x80);
                    };
                }
                Arrays.fill(row, n, row.length, (byte) 0x55); // past the row: must not be read
                deflater.row(row, n);
                expected.write(row, 0, n);
            }
            deflater.finish();
            assertArrayEquals(expected.toByteArray(), inflate(deflater.bytes(), deflater.length()));
        }
    }

    @Test
    void anUnchangedPlotRowCompressesToAFewBytes() throws DataFormatException {
        byte[] row = new byte[1 + 3 * 1600];
        row[0] = 2;
        RunDeflater deflater = new RunDeflater();
        deflater.start();
        for (int r = 0; r < 100; r++) {
            deflater.row(row, row.length);
        }
        deflater.finish();
        assertTrue(deflater.length() < 100 * 25, deflater.length() + " bytes for 100 zero rows");
        assertEquals(100 * row.length, inflate(deflater.bytes(), deflater.length()).length);
    }

    private static byte[] inflate(byte[] stream, int length) throws DataFormatException {
        Inflater inflater = new Inflater(); // zlib wrapper: checks the header and the Adler-32
        inflater.setInput(stream, 0, length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        while (!inflater.finished()) {
            int n = inflater.inflate(buffer);
            if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                throw new AssertionError("stream ends early after " + out.size() + " bytes");
            }
            out.write(buffer, 0, n);
        }
        assertEquals(0, inflater.getRemaining(), "nothing after the checksum");
        inflater.end();
        return out.toByteArray();
    }
}
