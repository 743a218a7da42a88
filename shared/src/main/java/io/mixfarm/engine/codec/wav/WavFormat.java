package io.mixfarm.engine.codec.wav;

import io.mixfarm.engine.audio.AudioLimits;
import io.mixfarm.engine.audio.InvalidAudioException;
import io.mixfarm.engine.audio.SampleFormat;

import java.nio.ByteBuffer;
import java.util.Map;

/**
 * The decoded {@code fmt } chunk: what the reader needs to turn data bytes into samples.
 *
 * @param channels   interleaved channels
 * @param sampleRate frames per second
 * @param encoding   how one sample is stored (container width)
 * @param validBits  significant bits (e.g. 20 in a 24-bit container); the container width for float
 */
record WavFormat(int channels, int sampleRate, PcmEncoding encoding, int validBits) {
    static final int TAG_PCM = 0x0001;
    static final int TAG_IEEE_FLOAT = 0x0003;
    static final int TAG_EXTENSIBLE = 0xFFFE;
    /** Bytes of a WAVEFORMATEXTENSIBLE fmt chunk body. */
    static final int EXTENSIBLE_SIZE = 40;
    /** KSDATAFORMAT_SUBTYPE_xxx GUIDs are the format tag followed by these 14 bytes. */
    static final byte[] GUID_TAIL = {0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00,
            0x00, (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71};

    private static final Map<Integer, String> KNOWN_TAGS = Map.ofEntries(
            Map.entry(0x0002, "Microsoft ADPCM"),
            Map.entry(0x0006, "A-law"),
            Map.entry(0x0007, "mu-law"),
            Map.entry(0x0011, "IMA ADPCM"),
            Map.entry(0x0031, "GSM 6.10"),
            Map.entry(0x0050, "MPEG"),
            Map.entry(0x0055, "MPEG Layer 3"),
            Map.entry(0x0092, "Dolby AC-3 SPDIF"),
            Map.entry(0x00FF, "AAC"),
            Map.entry(0x0161, "Windows Media Audio"),
            Map.entry(0x1610, "MPEG-4 AAC"),
            Map.entry(0x2000, "Dolby AC-3"),
            Map.entry(0x2001, "DTS"),
            Map.entry(0xF1AC, "FLAC"));

    /**
     * Parses a fmt chunk body of {@code length} bytes (little-endian buffer at position 0).
     *
     * @throws InvalidAudioException for anything this reader cannot decode exactly
     */
    static WavFormat parse(ByteBuffer fmt, int length, String source) {
        if (length < 16) {
            throw new InvalidAudioException(source, "fmt chunk is " + length + " bytes; at least 16 needed");
        }
        int tag = fmt.getShort(0) & 0xFFFF;
        int channels = fmt.getShort(2) & 0xFFFF;
        long rate = fmt.getInt(4) & 0xFFFFFFFFL;
        int blockAlign = fmt.getShort(12) & 0xFFFF;
        int bits = fmt.getShort(14) & 0xFFFF;
        int validBits = 0;
        boolean extensible = tag == TAG_EXTENSIBLE;
        if (extensible) {
            if (length < EXTENSIBLE_SIZE) {
                throw new InvalidAudioException(source, "WAVE_FORMAT_EXTENSIBLE fmt chunk is " + length
                        + " bytes; " + EXTENSIBLE_SIZE + " needed");
            }
            validBits = fmt.getShort(18) & 0xFFFF;
            tag = subformatTag(fmt, source);
        }
        if (tag != TAG_PCM && tag != TAG_IEEE_FLOAT) {
            throw new InvalidAudioException(source, "unsupported WAV format tag " + describeTag(tag));
        }
        AudioLimits.check(source, (int) Math.min(rate, Integer.MAX_VALUE), channels);
        WavFormat format = tag == TAG_PCM
                ? pcm(source, channels, (int) rate, bits, extensible ? validBits : bits, extensible)
                : ieeeFloat(source, channels, (int) rate, bits);
        int expectedAlign = channels * format.encoding.bytes();
        if (blockAlign != expectedAlign) {
            throw new InvalidAudioException(source, "block align " + blockAlign + " does not match "
                    + channels + " channels of " + format.encoding.bytes() + " bytes (" + expectedAlign + ")");
        }
        return format;
    }

    private static int subformatTag(ByteBuffer fmt, String source) {
        for (int i = 0; i < GUID_TAIL.length; i++) {
            if (fmt.get(26 + i) != GUID_TAIL[i]) {
                throw new InvalidAudioException(source, "unsupported WAVE_FORMAT_EXTENSIBLE subformat GUID "
                        + guid(fmt, 24));
            }
        }
        return fmt.getShort(24) & 0xFFFF;
    }

    private static WavFormat pcm(String source, int channels, int rate, int bits, int validBits,
                                 boolean extensible) {
        // Plain PCM rounds odd depths (12, 20) up to whole bytes; extensible names the container.
        int container = extensible ? bits : (bits + 7) / 8 * 8;
        if (container % 8 != 0 || container < 8 || container > 32) {
            throw new InvalidAudioException(source, "PCM with " + bits
                    + " bits per sample; supported containers: 8, 16, 24, 32 bits");
        }
        int significant = validBits == 0 ? container : validBits;
        if (significant > container) {
            throw new InvalidAudioException(source, "valid bits per sample " + validBits
                    + " exceed the " + container + "-bit container");
        }
        PcmEncoding encoding = container == 8 ? PcmEncoding.UNSIGNED_8
                : PcmEncoding.of(SampleFormat.pcm(container), false);
        return new WavFormat(channels, rate, encoding, significant);
    }

    private static WavFormat ieeeFloat(String source, int channels, int rate, int bits) {
        if (bits == 32) {
            return new WavFormat(channels, rate, PcmEncoding.FLOAT32_LE, 32);
        }
        if (bits == 64) {
            return new WavFormat(channels, rate, PcmEncoding.FLOAT64_LE, 64);
        }
        throw new InvalidAudioException(source, "IEEE float with " + bits
                + " bits per sample; supported: 32, 64");
    }

    /** {@code 0x0055 (MPEG Layer 3)}, or just the hex tag when it is not a well-known one. */
    static String describeTag(int tag) {
        String name = KNOWN_TAGS.get(tag);
        String hex = String.format("0x%04X", tag);
        return name == null ? hex : hex + " (" + name + ")";
    }

    private static String guid(ByteBuffer b, int at) {
        StringBuilder text = new StringBuilder();
        text.append(String.format("%08X-%04X-%04X-", b.getInt(at), b.getShort(at + 4), b.getShort(at + 6)));
        for (int i = 8; i < 16; i++) {
            text.append(String.format("%02X", b.get(at + i)));
            if (i == 9) {
                text.append('-');
            }
        }
        return text.toString();
    }
}
