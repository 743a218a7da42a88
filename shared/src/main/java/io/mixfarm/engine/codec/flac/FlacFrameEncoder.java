package io.mixfarm.engine.codec.flac;

/**
 * Encodes one block of integer samples as a FLAC frame (RFC 9639 section 9): header with
 * CRC-8, one subframe per channel, CRC-16. Stereo blocks are tried as left/right, left/side,
 * right/side and mid/side, and the smallest pair is written.
 */
final class FlacFrameEncoder {
    private static final int INDEPENDENT = -1;
    private static final int LEFT_SIDE = 8;
    private static final int RIGHT_SIDE = 9;
    private static final int MID_SIDE = 10;

    private final int channels;
    private final int bitsPerSample;
    private final int qlpPrecision;
    private final int sampleRateCode;
    private final int sampleRateExtra;
    private final int sampleRateExtraBits;
    private final int sampleSizeCode;
    /** One per channel, plus mid and side for stereo. */
    private final FlacSubframeEncoder[] subframes;
    private final FlacBitWriter out;

    FlacFrameEncoder(int channels, int bitsPerSample, int sampleRate, int maxBlockSize) {
        this.channels = channels;
        this.bitsPerSample = bitsPerSample;
        this.qlpPrecision = qlpPrecision(bitsPerSample, maxBlockSize);
        this.sampleSizeCode = sampleSizeCode(bitsPerSample);
        int[] rate = sampleRateCode(sampleRate);
        this.sampleRateCode = rate[0];
        this.sampleRateExtra = rate[1];
        this.sampleRateExtraBits = rate[2];
        subframes = new FlacSubframeEncoder[channels == 2 ? 4 : channels];
        for (int i = 0; i < subframes.length; i++) {
            subframes[i] = new FlacSubframeEncoder(maxBlockSize);
        }
        // Worst case: every subframe verbatim at one extra bit, plus Rice estimate slack and headers.
        int perChannel = (maxBlockSize * (bitsPerSample + 2)) / 8 + 64;
        out = new FlacBitWriter(32 + channels * perChannel);
    }

    /** Where the writer puts channel {@code c}'s samples for the next {@link #encode}. */
    int[] input(int channel) {
        return subframes[channel].samples();
    }

    /** The encoded frame is {@code buffer()[0, length)} after {@link #encode}. */
    byte[] buffer() {
        return out.buffer();
    }

    /**
     * Encodes {@code blockSize} samples of every channel's input as frame {@code frameNumber}.
     *
     * @return the frame's length in bytes
     */
    int encode(int blockSize, long frameNumber) {
        int assignment = channels == 2 ? analyzeStereo(blockSize) : analyzeIndependent(blockSize);
        out.reset();
        writeHeader(blockSize, frameNumber, assignment == INDEPENDENT ? channels - 1 : assignment);
        switch (assignment) {
            case LEFT_SIDE:
                subframes[0].write(out);
                subframes[3].write(out);
                break;
            case RIGHT_SIDE:
                subframes[3].write(out);
                subframes[1].write(out);
                break;
            case MID_SIDE:
                subframes[2].write(out);
                subframes[3].write(out);
                break;
            default:
                for (int c = 0; c < channels; c++) {
                    subframes[c].write(out);
                }
                break;
        }
        out.alignToByte();
        out.requireByteAligned();
        out.writeBits(FlacCrc.crc16(0, out.buffer(), 0, out.byteLength()), 16);
        out.requireByteAligned();
        return out.byteLength();
    }

    private int analyzeIndependent(int blockSize) {
        for (FlacSubframeEncoder subframe : subframes) {
            subframe.analyze(blockSize, bitsPerSample, qlpPrecision);
        }
        return INDEPENDENT;
    }

    /** Fills mid and side from left and right, analyses all four, returns the cheapest pairing. */
    private int analyzeStereo(int blockSize) {
        int[] left = subframes[0].samples();
        int[] right = subframes[1].samples();
        int[] mid = subframes[2].samples();
        int[] side = subframes[3].samples();
        for (int i = 0; i < blockSize; i++) {
            int l = left[i];
            int r = right[i];
            mid[i] = (l + r) >> 1;
            side[i] = l - r;
        }
        long leftBits = subframes[0].analyze(blockSize, bitsPerSample, qlpPrecision);
        long rightBits = subframes[1].analyze(blockSize, bitsPerSample, qlpPrecision);
        long midBits = subframes[2].analyze(blockSize, bitsPerSample, qlpPrecision);
        long sideBits = subframes[3].analyze(blockSize, bitsPerSample + 1, qlpPrecision);
        int best = INDEPENDENT;
        long bestBits = leftBits + rightBits;
        if (leftBits + sideBits < bestBits) {
            best = LEFT_SIDE;
            bestBits = leftBits + sideBits;
        }
        if (rightBits + sideBits < bestBits) {
            best = RIGHT_SIDE;
            bestBits = rightBits + sideBits;
        }
        if (midBits + sideBits < bestBits) {
            best = MID_SIDE;
        }
        return best;
    }

    private void writeHeader(int blockSize, long frameNumber, int channelCode) {
        int blockSizeCode = blockSizeCode(blockSize);
        out.writeBits(0xFFF8, 16); // sync code, reserved bit, fixed-blocksize strategy
        out.writeBits(blockSizeCode, 4);
        out.writeBits(sampleRateCode, 4);
        out.writeBits(channelCode, 4);
        out.writeBits(sampleSizeCode, 3);
        out.writeBits(0, 1);
        out.writeUtf8(frameNumber);
        if (blockSizeCode == 6) {
            out.writeBits(blockSize - 1, 8);
        } else if (blockSizeCode == 7) {
            out.writeBits(blockSize - 1, 16);
        }
        out.writeBits(sampleRateExtra, sampleRateExtraBits);
        out.requireByteAligned();
        out.writeBits(FlacCrc.crc8(0, out.buffer(), 0, out.byteLength()), 8);
    }

    static int blockSizeCode(int blockSize) {
        if (blockSize == 192) {
            return 1;
        }
        for (int code = 2; code <= 5; code++) {
            if (blockSize == 576 << (code - 2)) {
                return code;
            }
        }
        for (int code = 8; code <= 15; code++) {
            if (blockSize == 256 << (code - 8)) {
                return code;
            }
        }
        return blockSize <= 256 ? 6 : 7;
    }

    /** {code, value written after the header, its width}; code 0 defers to STREAMINFO. */
    static int[] sampleRateCode(int rate) {
        int[] common = {0, 88200, 176400, 192000, 8000, 16000, 22050, 24000, 32000, 44100, 48000, 96000};
        for (int code = 1; code < common.length; code++) {
            if (common[code] == rate) {
                return new int[] {code, 0, 0};
            }
        }
        if (rate % 1000 == 0 && rate <= 255_000) {
            return new int[] {12, rate / 1000, 8};
        }
        if (rate % 10 == 0 && rate <= 655_350) {
            return new int[] {14, rate / 10, 16};
        }
        if (rate <= 0xFFFF) {
            return new int[] {13, rate, 16};
        }
        return new int[] {0, 0, 0};
    }

    private static int sampleSizeCode(int bits) {
        switch (bits) {
            case 8: return 1;
            case 12: return 2;
            case 16: return 4;
            case 20: return 5;
            case 24: return 6;
            case 32: return 7;
            default: return 0;
        }
    }

    /** libFLAC's default coefficient precision for the stream's block size and depth. */
    static int qlpPrecision(int bitsPerSample, int blockSize) {
        if (bitsPerSample > 16) {
            return blockSize <= 384 ? FlacLpc.MAX_PRECISION - 2
                    : blockSize <= 1152 ? FlacLpc.MAX_PRECISION - 1 : FlacLpc.MAX_PRECISION;
        }
        if (bitsPerSample < 16) {
            return Math.max(5, 2 + bitsPerSample / 2);
        }
        int[] limits = {192, 384, 576, 1152, 2304, 4608};
        for (int i = 0; i < limits.length; i++) {
            if (blockSize <= limits[i]) {
                return 7 + i;
            }
        }
        return 13;
    }
}
