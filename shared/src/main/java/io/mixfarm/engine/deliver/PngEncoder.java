package io.mixfarm.engine.deliver;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A minimal PNG writer (8-bit RGB, no ancillary chunks) on java.util.zip, so the plot needs no
 * image I/O service lookup and its bytes depend only on the pixels: IHDR, one zlib IDAT with the
 * Up filter on every row, IEND.
 *
 * <p>An encoder keeps its deflater and buffers between images (a farm writes one plot per song),
 * so it is for one thread at a time: {@link #forThisThread()}. Up at deflate level 1 costs about
 * a third of Sub at level 6 for a file about half again as large (~45 kB for a 1600 × 600
 * plot): a plot's rows mostly repeat the row above (panels, grid, the waveform's bands), which
 * Up turns into runs of zeros that even the fastest level matches whole.
 */
final class PngEncoder {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final int LEVEL = 1;
    private static final byte UP = 2;
    private static final ThreadLocal<PngEncoder> PER_THREAD = ThreadLocal.withInitial(PngEncoder::new);

    private final Deflater deflater = new Deflater(LEVEL);
    private final CRC32 crc = new CRC32();
    private byte[] row = new byte[0];
    private byte[] compressed = new byte[64 * 1024];

    private PngEncoder() {
    }

    /** This thread's encoder. */
    static PngEncoder forThisThread() {
        return PER_THREAD.get();
    }

    /**
     * Writes {@code width × height} pixels, row by row from {@code rgb[0]}, each {@code 0xRRGGBB}
     * (any high byte is ignored, as {@code TYPE_INT_RGB} stores them).
     */
    void write(int[] rgb, int width, int height, OutputStream out) throws IOException {
        if (rgb.length < width * height) {
            throw new IllegalArgumentException(rgb.length + " pixels for " + width + " x " + height);
        }
        DataOutputStream data = new DataOutputStream(out);
        data.write(SIGNATURE);
        byte[] header = new byte[13];
        putInt(header, 0, width);
        putInt(header, 4, height);
        header[8] = 8;  // bit depth
        header[9] = 2;  // colour type: RGB
        // compression 0 (deflate), filtering 0 (adaptive), interlace 0 (none)
        chunk(data, "IHDR", header, header.length);
        int length = deflate(rgb, width, height);
        chunk(data, "IDAT", compressed, length);
        chunk(data, "IEND", header, 0);
        data.flush();
    }

    /** The filtered rows through one zlib stream into {@link #compressed}; returns its length. */
    private int deflate(int[] rgb, int width, int height) {
        int rowBytes = 1 + 3 * width;
        if (row.length != rowBytes) {
            row = new byte[rowBytes];
        }
        row[0] = UP; // each byte minus the same byte of the pixel above (zero above the first row)
        deflater.reset();
        int length = 0;
        for (int y = 0; y < height; y++) {
            int at = y * width;
            if (y == 0) {
                for (int x = 0; x < width; x++) {
                    int p = rgb[at + x];
                    row[1 + 3 * x] = (byte) (p >> 16);
                    row[2 + 3 * x] = (byte) (p >> 8);
                    row[3 + 3 * x] = (byte) p;
                }
            } else {
                int above = at - width;
                for (int x = 0; x < width; x++) {
                    int p = rgb[at + x];
                    int q = rgb[above + x];
                    row[1 + 3 * x] = (byte) ((p >> 16) - (q >> 16));
                    row[2 + 3 * x] = (byte) ((p >> 8) - (q >> 8));
                    row[3 + 3 * x] = (byte) (p - q);
                }
            }
            deflater.setInput(row, 0, rowBytes);
            length = drain(length);
        }
        deflater.finish();
        while (!deflater.finished()) {
            if (length == compressed.length) {
                compressed = Arrays.copyOf(compressed, compressed.length * 2);
            }
            length += deflater.deflate(compressed, length, compressed.length - length);
        }
        return length;
    }

    /** Compresses the pending input, growing the output buffer as needed. */
    private int drain(int length) {
        while (!deflater.needsInput()) {
            if (length == compressed.length) {
                compressed = Arrays.copyOf(compressed, compressed.length * 2);
            }
            length += deflater.deflate(compressed, length, compressed.length - length);
        }
        return length;
    }

    private void chunk(DataOutputStream out, String type, byte[] body, int length) throws IOException {
        byte[] id = type.getBytes(StandardCharsets.US_ASCII);
        crc.reset();
        crc.update(id);
        crc.update(body, 0, length);
        out.writeInt(length);
        out.write(id);
        out.write(body, 0, length);
        out.writeInt((int) crc.getValue());
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
