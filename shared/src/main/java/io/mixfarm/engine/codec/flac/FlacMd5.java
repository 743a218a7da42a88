package io.mixfarm.engine.codec.flac;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The STREAMINFO MD5 as the reference decoder computes it: over the decoded samples interleaved,
 * each as a little-endian signed integer of {@code ceil(bps / 8)} bytes.
 */
final class FlacMd5 {
    private final MessageDigest digest;
    private final int bytesPerSample;
    private final byte[] packed;

    FlacMd5(int channels, int maxBlockSize, int bitsPerSample) {
        try {
            digest = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides MD5", e);
        }
        bytesPerSample = (bitsPerSample + 7) / 8;
        packed = new byte[channels * maxBlockSize * bytesPerSample];
    }

    /** Adds {@code n} frames of {@code samples[channel][0 .. n)}. */
    void update(int[][] samples, int channels, int n) {
        int p = 0;
        switch (bytesPerSample) {
            case 1:
                for (int i = 0; i < n; i++) {
                    for (int ch = 0; ch < channels; ch++) {
                        packed[p++] = (byte) samples[ch][i];
                    }
                }
                break;
            case 2:
                if (channels == 2) {
                    p = packStereo16(samples[0], samples[1], n);
                    break;
                }
                for (int i = 0; i < n; i++) {
                    for (int ch = 0; ch < channels; ch++) {
                        int v = samples[ch][i];
                        packed[p++] = (byte) v;
                        packed[p++] = (byte) (v >> 8);
                    }
                }
                break;
            default:
                for (int i = 0; i < n; i++) {
                    for (int ch = 0; ch < channels; ch++) {
                        int v = samples[ch][i];
                        for (int b = 0; b < bytesPerSample; b++) {
                            packed[p++] = (byte) (v >> (8 * b));
                        }
                    }
                }
                break;
        }
        digest.update(packed, 0, p);
    }

    private int packStereo16(int[] left, int[] right, int n) {
        byte[] out = packed;
        int p = 0;
        for (int i = 0; i < n; i++) {
            int l = left[i];
            int r = right[i];
            out[p] = (byte) l;
            out[p + 1] = (byte) (l >> 8);
            out[p + 2] = (byte) r;
            out[p + 3] = (byte) (r >> 8);
            p += 4;
        }
        return p;
    }

    /** True when the digest of everything added equals {@code expected}; ends the digest. */
    boolean matches(byte[] expected) {
        return MessageDigest.isEqual(digest.digest(), expected);
    }
}
