package io.mixfarm.engine.codec.aiff;

import io.mixfarm.engine.audio.InvalidAudioException;
import io.mixfarm.engine.audio.SampleFormat;
import io.mixfarm.engine.codec.wav.ChannelBytes;
import io.mixfarm.engine.codec.wav.PcmEncoding;

import java.util.Map;

/** The AIFF-C compression types this reader decodes, and names for the common ones it does not. */
final class AiffCompression {
    private static final int NONE = ChannelBytes.fourCc("NONE");
    private static final int TWOS = ChannelBytes.fourCc("twos");
    private static final int SOWT = ChannelBytes.fourCc("sowt");
    private static final int FL32 = ChannelBytes.fourCc("fl32");
    private static final int FL32_UPPER = ChannelBytes.fourCc("FL32");
    private static final int FL64 = ChannelBytes.fourCc("fl64");
    private static final int FL64_UPPER = ChannelBytes.fourCc("FL64");

    private static final Map<String, String> KNOWN_UNSUPPORTED = Map.ofEntries(
            Map.entry("ulaw", "mu-law"), Map.entry("ULAW", "mu-law"),
            Map.entry("alaw", "A-law"), Map.entry("ALAW", "A-law"),
            Map.entry("ima4", "IMA 4:1 ADPCM"),
            Map.entry("MAC3", "MACE 3:1"), Map.entry("MAC6", "MACE 6:1"),
            Map.entry("raw ", "offset-binary 8-bit"),
            Map.entry("in24", "QuickTime 24-bit"), Map.entry("in32", "QuickTime 32-bit"),
            Map.entry("GSM ", "GSM 6.10"), Map.entry("QDM2", "QDesign Music 2"),
            Map.entry("QDMC", "QDesign Music"), Map.entry("Qclp", "Qualcomm PureVoice"));

    private AiffCompression() {
    }

    /**
     * The sample encoding for an AIFF-C compression type and COMM sample size (integer types
     * store {@code sampleSize} bits in whole bytes).
     */
    static PcmEncoding encoding(int type, int sampleSize, ChannelBytes in) {
        if (type == FL32 || type == FL32_UPPER) {
            return PcmEncoding.FLOAT32_BE;
        }
        if (type == FL64 || type == FL64_UPPER) {
            return PcmEncoding.FLOAT64_BE;
        }
        if (type == NONE || type == TWOS || type == SOWT) {
            return integer(sampleSize, type == SOWT, in);
        }
        String name = KNOWN_UNSUPPORTED.get(ascii(type));
        throw in.invalid("unsupported AIFF-C compression type " + ChannelBytes.fourCc(type)
                + (name == null ? "" : " (" + name + ")")
                + "; supported: NONE, twos, sowt, fl32, fl64");
    }

    private static String ascii(int fourCc) {
        char[] chars = {(char) (fourCc >>> 24), (char) (fourCc >>> 16 & 0xFF), (char) (fourCc >>> 8 & 0xFF),
                (char) (fourCc & 0xFF)};
        return new String(chars);
    }

    /** Signed integer PCM of {@code sampleSize} bits (1 to 32), left-justified in whole bytes. */
    static PcmEncoding integer(int sampleSize, boolean littleEndian, ChannelBytes in) {
        if (sampleSize < 1 || sampleSize > 32) {
            throw in.invalid("COMM declares " + sampleSize + " bits per sample; supported: 1 to 32");
        }
        return PcmEncoding.of(SampleFormat.pcm((sampleSize + 7) / 8 * 8), !littleEndian);
    }
}
