package io.mixfarm.engine.deliver;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * A minimal PNG writer (8-bit RGB, no ancillary chunks), so the plot needs no image I/O service
 * lookup and its bytes depend only on the pixels: IHDR, one IDAT, IEND. Every row has the Up
 * filter (each byte minus the same byte of the pixel above): a plot's rows mostly repeat the row
 * above (panels, grid, the waveform's bands), which Up turns into zeros, and what differs comes
 * in runs along the row, which {@link RunDeflater} sends as matches, straight from the pixels
 * (the filtered bytes are never built). That costs a fraction of zlib at any level (whose match
 * search over 2.9 MB of rows was most of a plot's time) for a file a little larger than zlib's
 * fastest level makes (~50 kB for a one-second song's plot, ~30 kB with zlib's default level
 * and the Sub filter).
 *
 * <p>An encoder keeps its buffers between images (a farm writes one plot per song), so it is for
 * one thread at a time: {@link #forThisThread()}.
 */
final class PngEncoder {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final ThreadLocal<PngEncoder> PER_THREAD = ThreadLocal.withInitial(PngEncoder::new);

    private final RunDeflater deflater = new RunDeflater();
    private final CRC32 crc = new CRC32();

    private PngEncoder() {
    }

    /** This thread's encoder. */
    static PngEncoder forThisThread() {
        return PER_THREAD.get();
    }

    /**
     * Writes {@code width × height} pixels, row by row from {@code rgb[0]}, each {@code 0xRRGGBB}
     * (the high byte is ignored, as {@code TYPE_INT_RGB} ignores it).
     */
    void write(int[] rgb, int width, int height, OutputStream out) throws IOException {
        if (width < 1 || height < 1 || rgb.length < (long) width * height) {
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
        deflate(rgb, width, height);
        chunk(data, "IDAT", deflater.bytes(), deflater.length());
        chunk(data, "IEND", header, 0);
        data.flush();
    }

    /** The Up-filtered rows into one zlib stream. */
    private void deflate(int[] rgb, int width, int height) {
        deflater.start();
        for (int y = 0; y < height; y++) {
            deflater.row(rgb, y * width, y == 0 ? -1 : (y - 1) * width, width);
        }
        deflater.finish();
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
