package io.mixfarm.engine.deliver;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.Adler32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hand-made zlib stream inflates (checksum verified by zlib) to exactly the Up-filtered rows
 * of the pixels given, and its Adler-32 is {@link Adler32}'s over those bytes.
 */
class RunDeflaterTest {

    @Test
    void picturesOfRunsNoiseAndOddWidthsInflateToTheirFilteredRows() throws DataFormatException {
        SplittableRandom random = new SplittableRandom(5);
        RunDeflater deflater = new RunDeflater();
        for (int picture = 0; picture < 6; picture++) { // the same deflater again: nothing carries over
            int width = picture < 2 ? 1 + picture : random.nextInt(1, 700);
            int height = random.nextInt(1, 120);
            int[] rgb = picture(random, width, height);
            deflater.start();
            for (int y = 0; y < height; y++) {
                deflater.row(rgb, y * width, y == 0 ? -1 : (y - 1) * width, width);
            }
            deflater.finish();
            byte[] expected = upFiltered(rgb, width, height);
            assertArrayEquals(expected, inflate(deflater.bytes(), deflater.length()), "picture " + picture);
            Adler32 adler = new Adler32();
            adler.update(expected);
            int end = deflater.length();
            byte[] b = deflater.bytes();
            long written = (b[end - 4] & 0xFFL) << 24 | (b[end - 3] & 0xFF) << 16 | (b[end - 2] & 0xFF) << 8 | b[end - 1] & 0xFF;
            assertEquals(adler.getValue(), written, "Adler-32 of picture " + picture);
        }
    }

    @Test
    void longRunsOfRepeatedNonZeroPixelsKeepTheAdlerExact() throws DataFormatException {
        // a first row of one colour is one long run of a non-zero filtered pixel: the closed form's worst case
        int width = 5000;
        int[] rgb = new int[2 * width];
        Arrays.fill(rgb, 0, width, 0xFFFEFD);
        Arrays.fill(rgb, width, 2 * width, 0x0102FF);
        RunDeflater deflater = new RunDeflater();
        deflater.start();
        deflater.row(rgb, 0, -1, width);
        deflater.row(rgb, width, 0, width);
        deflater.finish();
        assertArrayEquals(upFiltered(rgb, width, 2), inflate(deflater.bytes(), deflater.length()));
    }

    @Test
    void anUnchangedPlotRowCompressesToAFewBytes() throws DataFormatException {
        int width = 1600;
        int[] rgb = new int[width * 101];
        Arrays.fill(rgb, 0x181C22);
        RunDeflater deflater = new RunDeflater();
        deflater.start();
        for (int y = 0; y < 101; y++) {
            deflater.row(rgb, y * width, y == 0 ? -1 : (y - 1) * width, width);
        }
        deflater.finish();
        assertTrue(deflater.length() < 101 * 25, deflater.length() + " bytes for 101 equal rows");
        assertArrayEquals(upFiltered(rgb, width, 101), inflate(deflater.bytes(), deflater.length()));
    }

    /** Rows of noise, of bands with edges that move, unchanged rows; random high bytes, which must be ignored. */
    static int[] picture(SplittableRandom random, int width, int height) {
        int[] rgb = new int[width * height];
        int[] palette = {0x101317, 0x181C22, 0x3D8FD1, 0x8CC8F2, 0x3D8FD2, 0xFFFFFF, 0};
        for (int y = 0; y < height; y++) {
            int at = y * width;
            switch (random.nextInt(4)) {
                case 0 -> { // noise
                    for (int x = 0; x < width; x++) {
                        rgb[at + x] = random.nextInt();
                    }
                }
                case 1 -> { // bands of a few colours
                    for (int x = 0; x < width; ) {
                        int n = Math.min(width - x, random.nextInt(1, 300));
                        Arrays.fill(rgb, at + x, at + x + n, palette[random.nextInt(palette.length)]);
                        x += n;
                    }
                }
                default -> { // the row above with a few pixels changed
                    if (y > 0) {
                        System.arraycopy(rgb, at - width, rgb, at, width);
                    }
                    for (int k = random.nextInt(4); k > 0; k--) {
                        rgb[at + random.nextInt(width)] = palette[random.nextInt(palette.length)];
                    }
                }
            }
            for (int k = random.nextInt(3); k > 0; k--) {
                int x = random.nextInt(width);
                rgb[at + x] ^= random.nextInt(1, 256) << 24; // only the ignored byte
            }
        }
        return rgb;
    }

    /** PNG scanlines by the book: the filter type, then each byte minus the byte above it. */
    static byte[] upFiltered(int[] rgb, int width, int height) {
        byte[] rows = new byte[height * (1 + 3 * width)];
        int i = 0;
        for (int y = 0; y < height; y++) {
            rows[i++] = RunDeflater.UP;
            for (int x = 0; x < width; x++) {
                int p = rgb[y * width + x];
                int q = y == 0 ? 0 : rgb[(y - 1) * width + x];
                for (int shift = 16; shift >= 0; shift -= 8) {
                    rows[i++] = (byte) ((p >> shift) - (q >> shift));
                }
            }
        }
        return rows;
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
