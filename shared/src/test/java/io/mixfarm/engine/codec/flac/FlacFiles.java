package io.mixfarm.engine.codec.flac;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/** Byte-level surgery on FLAC files for the tests: find frames, insert blocks, rewrite headers. */
final class FlacFiles {

    private FlacFiles() {
    }

    /** Offset of the first frame: after "fLaC" and every metadata block. */
    static int firstFrameOffset(byte[] f) {
        int at = 4;
        boolean last = false;
        while (!last) {
            last = (f[at] & 0x80) != 0;
            int length = ((f[at + 1] & 0xFF) << 16) | ((f[at + 2] & 0xFF) << 8) | (f[at + 3] & 0xFF);
            at += 4 + length;
        }
        return at;
    }

    /** Offsets of every frame (headers with a valid CRC-8 from the first frame on), then the file length. */
    static int[] frameBounds(byte[] f) {
        List<Integer> found = new ArrayList<>();
        for (int i = firstFrameOffset(f); i + 6 < f.length; i++) {
            if ((f[i] & 0xFF) == 0xFF && (f[i + 1] & 0xFE) == 0xF8) {
                int len = FlacTestSupport.headerLength(f, i);
                if (len > 0 && i + len < f.length && FlacCrc.crc8(0, f, i, i + len) == (f[i + len] & 0xFF)) {
                    found.add(i);
                }
            }
        }
        found.add(f.length);
        return found.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Inserts a metadata block right after STREAMINFO. */
    static byte[] insertBlock(byte[] f, int type, byte[] body) {
        boolean streamInfoWasLast = (f[4] & 0x80) != 0;
        byte[] out = new byte[f.length + 4 + body.length];
        System.arraycopy(f, 0, out, 0, 42);
        out[4] = (byte) (f[4] & 0x7F);
        out[42] = (byte) ((streamInfoWasLast ? 0x80 : 0) | type);
        out[43] = (byte) (body.length >> 16);
        out[44] = (byte) (body.length >> 8);
        out[45] = (byte) body.length;
        System.arraycopy(body, 0, out, 46, body.length);
        System.arraycopy(f, 42, out, 46 + body.length, f.length - 42);
        return out;
    }

    /**
     * Edits frame {@code index}'s header bytes (not its length) and refreshes both CRCs, so the
     * result is a frame whose only fault is what the edit put there.
     */
    static byte[] rewriteHeader(byte[] f, int index, Consumer<byte[]> edit) {
        int[] bounds = frameBounds(f);
        int start = bounds[index];
        int end = bounds[index + 1];
        byte[] out = f.clone();
        byte[] frame = Arrays.copyOfRange(out, start, end);
        int headerLength = FlacTestSupport.headerLength(frame, 0);
        edit.accept(frame);
        frame[headerLength] = (byte) FlacCrc.crc8(0, frame, 0, headerLength);
        int crc = FlacCrc.crc16(0, frame, 0, frame.length - 2);
        frame[frame.length - 2] = (byte) (crc >> 8);
        frame[frame.length - 1] = (byte) crc;
        System.arraycopy(frame, 0, out, start, frame.length);
        return out;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
