package io.mixfarm.engine.codec.flac;

import java.io.IOException;

/**
 * Decodes whole frames (RFC 9639 section 9): header and CRC-8, one subframe per channel, the
 * CRC-16 footer, then undoes stereo decorrelation. Samples land in per-channel int arrays sized
 * once to STREAMINFO's maximum block size.
 */
final class FlacFrameDecoder {
    private final FlacStreamInfo info;
    private final FlacFrameHeader header = new FlacFrameHeader();
    private final FlacSubframeDecoder subframes = new FlacSubframeDecoder();
    private final int[][] samples;
    private long[] wideSide;      // 33-bit side channel of 32-bit stereo, allocated on first use
    private int[] wideResidual;
    private int blockingStrategy = -1; // 0 fixed, 1 variable, -1 before the first frame

    FlacFrameDecoder(FlacStreamInfo info) {
        this.info = info;
        samples = new int[info.channels()][info.maxBlockSize()];
    }

    /** The decoded samples of the last frame, {@code [channel][0 .. blockSize)}. */
    int[][] samples() {
        return samples;
    }

    /**
     * Decodes the frame starting at the reader's (byte-aligned) position.
     *
     * @param frameIndex  frames decoded before this one
     * @param firstSample samples per channel decoded before this one
     * @return the frame's block size
     * @throws FlacFormatException   when the frame is corrupt or breaks the format's rules
     * @throws java.io.EOFException when the input ends inside the frame
     */
    int decode(FlacBitReader in, long frameIndex, long firstSample) throws IOException {
        in.markFrameStart();
        header.read(in);
        checkHeader(frameIndex, firstSample);
        int n = header.blockSize;
        int bps = info.bitsPerSample();
        int assignment = header.channelAssignment;
        boolean wide = assignment >= FlacFrameHeader.LEFT_SIDE && bps == 32;
        subframes.startFrame();
        if (assignment < FlacFrameHeader.LEFT_SIDE) {
            for (int ch = 0; ch < header.channels; ch++) {
                subframes.decode(in, samples[ch], n, bps);
            }
        } else if (wide) {
            decodeWideStereo(in, assignment, n);
        } else {
            // the side channel carries one bit more: first for right/side, second otherwise
            subframes.decode(in, samples[0], n, assignment == FlacFrameHeader.RIGHT_SIDE ? bps + 1 : bps);
            subframes.decode(in, samples[1], n, assignment == FlacFrameHeader.RIGHT_SIDE ? bps : bps + 1);
        }
        finishFrame(in);
        // damage that still parses shows as a CRC-16 mismatch above; what passes it is a bad encoder
        subframes.checkFrameInRange();
        if (wide) {
            recombineWide(assignment, n);
        } else if (assignment >= FlacFrameHeader.LEFT_SIDE) {
            decorrelate(assignment, samples[0], samples[1], n, bps);
        }
        return n;
    }

    /** Checks the CRC-16 footer. */
    private static void finishFrame(FlacBitReader in) throws IOException {
        in.alignToByte();
        int crc = in.crc16SinceMark();
        if (in.readBits(16) != crc) {
            throw new FlacFormatException("CRC-16 mismatch");
        }
        in.clearMark();
    }

    /** 32-bit stereo: the side channel has 33 bits, so it is decoded and recombined in longs. */
    private void decodeWideStereo(FlacBitReader in, int assignment, int n) throws IOException {
        if (wideSide == null) {
            wideSide = new long[info.maxBlockSize()];
            wideResidual = new int[info.maxBlockSize()];
        }
        int[] left = samples[0];
        int[] right = samples[1];
        if (assignment == FlacFrameHeader.RIGHT_SIDE) {
            subframes.decodeWide(in, wideSide, wideResidual, n, 33);
            subframes.decode(in, right, n, 32);
        } else {
            subframes.decode(in, left, n, 32); // left, or mid
            subframes.decodeWide(in, wideSide, wideResidual, n, 33);
        }
    }

    private void recombineWide(int assignment, int n) {
        int[] left = samples[0];
        int[] right = samples[1];
        long bad = 0;
        for (int i = 0; i < n; i++) {
            long side = wideSide[i];
            long l;
            long r;
            if (assignment == FlacFrameHeader.LEFT_SIDE) {
                l = left[i];
                r = l - side;
            } else if (assignment == FlacFrameHeader.RIGHT_SIDE) {
                r = right[i];
                l = side + r;
            } else {
                long mid = ((long) left[i] << 1) | (side & 1);
                l = (mid + side) >> 1;
                r = (mid - side) >> 1;
            }
            bad |= (l ^ (int) l) | (r ^ (int) r);
            left[i] = (int) l;
            right[i] = (int) r;
        }
        if (bad != 0) {
            throw new FlacFormatException("decorrelated sample exceeds 32 bits");
        }
    }

    private void checkHeader(long frameIndex, long firstSample) {
        int strategy = header.variableBlockSize ? 1 : 0;
        if (blockingStrategy >= 0 && strategy != blockingStrategy) {
            throw new FlacFormatException("blocking strategy changes from "
                    + (blockingStrategy == 1 ? "variable" : "fixed") + " mid-stream");
        }
        blockingStrategy = strategy;
        long expected = header.variableBlockSize ? firstSample : frameIndex;
        if (header.number != expected) {
            throw new FlacFormatException("header gives " + (header.variableBlockSize ? "sample" : "frame")
                    + " number " + header.number + ", expected " + expected);
        }
        if (header.blockSize > info.maxBlockSize()) {
            throw new FlacFormatException("block size " + header.blockSize
                    + " exceeds STREAMINFO's maximum " + info.maxBlockSize());
        }
        if (header.sampleRate != 0 && header.sampleRate != info.sampleRate()) {
            throw new FlacFormatException("sample rate " + header.sampleRate
                    + " Hz differs from STREAMINFO's " + info.sampleRate() + " Hz");
        }
        if (header.channels != info.channels()) {
            throw new FlacFormatException(header.channels + " channels differ from STREAMINFO's "
                    + info.channels());
        }
        if (header.bitsPerSample != 0 && header.bitsPerSample != info.bitsPerSample()) {
            throw new FlacFormatException(header.bitsPerSample + " bits per sample differ from STREAMINFO's "
                    + info.bitsPerSample());
        }
    }

    /** Turns left/side, right/side or mid/side back into left and right, checking their range. */
    private static void decorrelate(int assignment, int[] a, int[] b, int n, int bps) {
        int s = 32 - bps;
        int bad = 0;
        if (assignment == FlacFrameHeader.LEFT_SIDE) {
            for (int i = 0; i < n; i++) {
                int right = a[i] - b[i];
                b[i] = right;
                bad |= right ^ ((right << s) >> s);
            }
        } else if (assignment == FlacFrameHeader.RIGHT_SIDE) {
            for (int i = 0; i < n; i++) {
                int left = a[i] + b[i];
                a[i] = left;
                bad |= left ^ ((left << s) >> s);
            }
        } else {
            for (int i = 0; i < n; i++) {
                int side = b[i];
                int mid = (a[i] << 1) | (side & 1);
                int left = (mid + side) >> 1;
                int right = (mid - side) >> 1;
                a[i] = left;
                b[i] = right;
                bad |= (left ^ ((left << s) >> s)) | (right ^ ((right << s) >> s));
            }
        }
        if (bad != 0) {
            throw new FlacFormatException("decorrelated sample exceeds " + bps + " bits");
        }
    }
}
