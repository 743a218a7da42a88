package io.mixfarm.engine.codec.aiff;

import io.mixfarm.engine.audio.AudioInfo;
import io.mixfarm.engine.audio.AudioLimits;
import io.mixfarm.engine.audio.AudioReader;
import io.mixfarm.engine.audio.Container;
import io.mixfarm.engine.codec.wav.ChannelBytes;
import io.mixfarm.engine.codec.wav.PcmEncoding;
import io.mixfarm.engine.codec.wav.PcmStreamReader;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;

/**
 * Opens AIFF (big-endian PCM, 1 to 32 bits) and AIFF-C files (NONE, twos, sowt, fl32, fl64).
 * Chunks may come in any order; everything but COMM and SSND is skipped. The SSND offset is
 * honoured (samples start {@code offset} bytes into the chunk's data); its block size only
 * describes alignment and does not change the layout.
 */
public final class AiffReader {
    private static final int FORM = ChannelBytes.fourCc("FORM");
    private static final int AIFF = ChannelBytes.fourCc("AIFF");
    private static final int AIFC = ChannelBytes.fourCc("AIFC");
    private static final int COMM = ChannelBytes.fourCc("COMM");
    private static final int SSND = ChannelBytes.fourCc("SSND");
    private static final int COMM_SIZE = 18;
    /** COMM of AIFF-C adds the compression type (4 bytes) and its name (a Pascal string). */
    private static final int COMM_SIZE_AIFC = 22;

    private AiffReader() {
    }

    /**
     * Parses the header and returns a reader positioned at the first frame.
     *
     * @param channel the file; owned by the returned reader (also closed here if opening fails)
     * @param source  file name or URI for error messages
     * @throws io.mixfarm.engine.audio.InvalidAudioException if the file is not an AIFF we can decode
     */
    public static AudioReader open(SeekableByteChannel channel, String source) throws IOException {
        try {
            return parse(channel, source);
        } catch (IOException | RuntimeException | Error e) {
            try {
                channel.close();
            } catch (IOException | RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static AudioReader parse(SeekableByteChannel channel, String source) throws IOException {
        ChannelBytes in = new ChannelBytes(channel, source);
        if (in.size() < 12) {
            throw in.invalid("file is " + in.size() + " bytes, too short for a FORM header");
        }
        ByteBuffer head = in.read(0, 12, ByteOrder.BIG_ENDIAN, "FORM header");
        if (head.getInt(0) != FORM) {
            throw in.invalid("not an AIFF file: starts with " + ChannelBytes.fourCc(head.getInt(0))
                    + ", expected 'FORM'");
        }
        int formType = head.getInt(8);
        if (formType != AIFF && formType != AIFC) {
            throw in.invalid("FORM type is " + ChannelBytes.fourCc(formType) + ", expected 'AIFF' or 'AIFC'");
        }
        Comm comm = null;
        long ssndData = -1;
        long ssndBytes = 0;
        long position = 12;
        while ((comm == null || ssndData < 0) && position <= in.size() - 8) {
            ByteBuffer header = in.read(position, 8, ByteOrder.BIG_ENDIAN, "chunk header");
            int id = header.getInt(0);
            long size = header.getInt(4) & 0xFFFFFFFFL;
            long body = position + 8;
            if (size > in.size() - body) {
                throw in.invalid("chunk " + ChannelBytes.fourCc(id) + " at offset " + position + " declares "
                        + size + " bytes, past the end of the file (" + in.size() + " bytes)");
            }
            if (id == COMM) {
                if (comm != null) {
                    throw in.invalid("second COMM chunk at offset " + position);
                }
                comm = Comm.read(in, body, size, formType == AIFC);
            } else if (id == SSND) {
                if (ssndData >= 0) {
                    throw in.invalid("second SSND chunk at offset " + position);
                }
                if (size < 8) {
                    throw in.invalid("SSND chunk is " + size + " bytes; at least 8 needed");
                }
                long offset = in.read(body, 8, ByteOrder.BIG_ENDIAN, "SSND chunk").getInt(0) & 0xFFFFFFFFL;
                if (offset > size - 8) {
                    throw in.invalid("SSND offset " + offset + " lies beyond the chunk's " + (size - 8)
                            + " bytes of data");
                }
                ssndData = body + 8 + offset;
                ssndBytes = size - 8 - offset;
            }
            position = body + size + (size & 1); // chunks are padded to even length
        }
        if (comm == null) {
            throw in.invalid("no COMM chunk");
        }
        return reader(channel, in, comm, ssndData, ssndBytes);
    }

    private static AudioReader reader(SeekableByteChannel channel, ChannelBytes in, Comm comm,
                                      long ssndData, long ssndBytes) throws IOException {
        long needed = comm.frames * comm.channels * comm.encoding.bytes();
        if (ssndData < 0 && comm.frames > 0) {
            throw in.invalid("no SSND chunk, but COMM declares " + comm.frames + " frames");
        }
        if (needed > ssndBytes) {
            throw in.invalid("COMM declares " + comm.frames + " frames (" + needed + " bytes) but the SSND chunk"
                    + " holds " + ssndBytes + " bytes of samples (truncated)");
        }
        int bits = comm.encoding.format().isFloatingPoint() ? comm.encoding.format().bits() : comm.sampleSize;
        AudioInfo info = new AudioInfo(in.source(), Container.AIFF, comm.sampleRate, comm.channels,
                comm.encoding.format(), bits, comm.frames);
        return new PcmStreamReader(channel, info, comm.encoding, Math.max(ssndData, 0));
    }

    /** The COMM chunk's facts. */
    private static final class Comm {
        final int channels;
        final long frames;
        final int sampleSize;
        final int sampleRate;
        final PcmEncoding encoding;

        private Comm(int channels, long frames, int sampleSize, int sampleRate, PcmEncoding encoding) {
            this.channels = channels;
            this.frames = frames;
            this.sampleSize = sampleSize;
            this.sampleRate = sampleRate;
            this.encoding = encoding;
        }

        static Comm read(ChannelBytes in, long body, long size, boolean aifc) throws IOException {
            int minimum = aifc ? COMM_SIZE_AIFC : COMM_SIZE;
            if (size < minimum) {
                throw in.invalid("COMM chunk is " + size + " bytes; at least " + minimum + " needed");
            }
            ByteBuffer b = in.read(body, minimum, ByteOrder.BIG_ENDIAN, "COMM chunk");
            int channels = b.getShort(0);
            long frames = b.getInt(2) & 0xFFFFFFFFL;
            int sampleSize = b.getShort(6);
            double rate = Extended80.toDouble(b.getShort(8) & 0xFFFF, b.getLong(10));
            if (!(rate >= 1 && rate <= Integer.MAX_VALUE)) {
                throw in.invalid("COMM declares a sample rate of " + rate + " Hz");
            }
            AudioLimits.check(in.source(), (int) Math.round(rate), channels);
            PcmEncoding encoding = aifc
                    ? AiffCompression.encoding(b.getInt(18), sampleSize, in)
                    : AiffCompression.integer(sampleSize, false, in);
            return new Comm(channels, frames, sampleSize, (int) Math.round(rate), encoding);
        }
    }
}
