package io.mixfarm.engine.codec.flac;

import java.io.EOFException;
import java.io.IOException;

/**
 * Reads a native FLAC stream up to its first frame (RFC 9639 section 8): optional ID3v2 tags,
 * the "fLaC" marker, STREAMINFO (required, first) and every other metadata block, skipped.
 */
final class FlacMetadata {
    private static final int FLAC_MARKER = 0x664C6143; // "fLaC"
    private static final int ID3_MARKER = 0x494433;    // "ID3"
    private static final int STREAMINFO = 0;
    private static final int INVALID_TYPE = 127;

    private FlacMetadata() {
    }

    /** Returns STREAMINFO with the reader positioned at the first frame. */
    static FlacStreamInfo read(FlacBitReader in) throws IOException {
        int marker;
        try {
            marker = in.readBits(32);
            while ((marker >>> 8) == ID3_MARKER) {
                skipId3v2(in);
                marker = in.readBits(32);
            }
        } catch (EOFException e) {
            throw new FlacFormatException("not a FLAC file (too short)");
        }
        if (marker != FLAC_MARKER) {
            throw new FlacFormatException("not a FLAC file (no fLaC marker)");
        }
        FlacStreamInfo info;
        boolean last;
        try {
            last = in.readBits(1) == 1;
            int type = in.readBits(7);
            int length = in.readBits(24);
            if (type != STREAMINFO) {
                throw new FlacFormatException("first metadata block is type " + type + ", not STREAMINFO");
            }
            if (length != FlacStreamInfo.LENGTH) {
                throw new FlacFormatException("STREAMINFO block is " + length + " bytes, expected "
                        + FlacStreamInfo.LENGTH);
            }
            byte[] body = new byte[FlacStreamInfo.LENGTH];
            for (int i = 0; i < body.length; i++) {
                body[i] = (byte) in.readBits(8);
            }
            info = FlacStreamInfo.parse(body);
        } catch (EOFException e) {
            throw new FlacFormatException("truncated STREAMINFO");
        } catch (IllegalArgumentException e) {
            throw new FlacFormatException(e.getMessage());
        }
        try {
            while (!last) {
                last = in.readBits(1) == 1;
                int type = in.readBits(7);
                int length = in.readBits(24);
                if (type == STREAMINFO) {
                    throw new FlacFormatException("second STREAMINFO block");
                }
                if (type == INVALID_TYPE) {
                    throw new FlacFormatException("invalid metadata block type 127");
                }
                in.skipBytes(length);
            }
        } catch (EOFException e) {
            throw new FlacFormatException("truncated metadata block");
        }
        return info;
    }

    /** Skips an ID3v2 tag whose first four bytes ("ID3" and the major version) are read. */
    private static void skipId3v2(FlacBitReader in) throws IOException {
        in.readBits(8); // revision
        int flags = in.readBits(8);
        int size = 0;
        for (int i = 0; i < 4; i++) {
            int b = in.readBits(8);
            if ((b & 0x80) != 0) {
                throw new FlacFormatException("not a FLAC file (ID3v2 tag with invalid size)");
            }
            size = (size << 7) | b;
        }
        boolean footer = (flags & 0x10) != 0;
        in.skipBytes(size + (footer ? 10L : 0L));
    }
}
