package io.mixfarm.engine.codec.wav;

import io.mixfarm.engine.audio.AudioInfo;
import io.mixfarm.engine.audio.AudioReader;
import io.mixfarm.engine.audio.Container;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;

/**
 * Opens RIFF/WAVE and RF64/BW64 files: PCM 8 (unsigned) to 32 bit, IEEE float 32/64, plain or
 * WAVE_FORMAT_EXTENSIBLE. Chunks other than {@code fmt }, {@code data} and {@code ds64} (bext,
 * LIST, JUNK, fact, ...) are skipped. Every header value is checked against the file's size
 * before it is trusted, so corrupt input fails fast with an {@code InvalidAudioException}.
 */
public final class WavReader {
    private static final int RIFF = ChannelBytes.fourCc("RIFF");
    private static final int RF64 = ChannelBytes.fourCc("RF64");
    private static final int BW64 = ChannelBytes.fourCc("BW64");
    private static final int WAVE = ChannelBytes.fourCc("WAVE");
    private static final int FMT = ChannelBytes.fourCc("fmt ");
    private static final int DATA = ChannelBytes.fourCc("data");
    /** Bytes of a fmt chunk body the reader looks at; a longer chunk's tail is ignored. */
    private static final int FMT_READ = WavFormat.EXTENSIBLE_SIZE;

    private WavReader() {
    }

    /**
     * Parses the header and returns a reader positioned at the first frame.
     *
     * @param channel the file; owned by the returned reader (also closed here if opening fails)
     * @param source  file name or URI for error messages
     * @throws io.mixfarm.engine.audio.InvalidAudioException if the file is not a WAV file we can decode
     */
    public static AudioReader open(SeekableByteChannel channel, String source) throws IOException {
        try {
            return parse(channel, source);
        } catch (IOException | RuntimeException | Error e) {
            closeAfterFailure(channel, e);
            throw e;
        }
    }

    private static AudioReader parse(SeekableByteChannel channel, String source) throws IOException {
        ChannelBytes in = new ChannelBytes(channel, source);
        if (in.size() < 12) {
            throw in.invalid("file is " + in.size() + " bytes, too short for a RIFF header");
        }
        ByteBuffer head = in.read(0, 12, ByteOrder.LITTLE_ENDIAN, "RIFF header");
        int riff = ChannelBytes.idAt(head, 0);
        if (riff != RIFF && riff != RF64 && riff != BW64) {
            throw in.invalid("not a WAV file: starts with " + ChannelBytes.fourCc(riff)
                    + ", expected 'RIFF', 'RF64' or 'BW64'");
        }
        if (ChannelBytes.idAt(head, 8) != WAVE) {
            throw in.invalid("RIFF form type is " + ChannelBytes.fourCc(ChannelBytes.idAt(head, 8))
                    + ", expected 'WAVE'");
        }
        boolean rf64 = riff != RIFF;
        Ds64 ds64 = rf64 ? Ds64.read(in, 12) : null;
        long position = rf64 ? ds64.end() : 12;
        WavFormat format = null;
        while (true) {
            if (position > in.size() - 8) {
                throw in.invalid(format == null ? "no fmt chunk" : "no data chunk");
            }
            ByteBuffer header = in.read(position, 8, ByteOrder.LITTLE_ENDIAN, "chunk header");
            int id = ChannelBytes.idAt(header, 0);
            long size = header.getInt(4) & 0xFFFFFFFFL;
            if (rf64 && size == 0xFFFFFFFFL) {
                size = ds64.sizeOf(id, DATA, in);
            }
            long body = position + 8;
            if (id == DATA) {
                if (format == null) {
                    throw in.invalid("data chunk at offset " + position + " comes before any fmt chunk");
                }
                return dataReader(channel, in, format, body, size, rf64);
            }
            if (size > in.size() - body) {
                throw in.invalid("chunk " + ChannelBytes.fourCc(id) + " at offset " + position
                        + " declares " + size + " bytes, past the end of the file (" + in.size() + " bytes)");
            }
            if (id == FMT) {
                if (format != null) {
                    throw in.invalid("second fmt chunk at offset " + position);
                }
                int length = (int) Math.min(size, FMT_READ);
                format = WavFormat.parse(in.read(body, length, ByteOrder.LITTLE_ENDIAN, "fmt chunk"),
                        (int) Math.min(size, Integer.MAX_VALUE), source);
            }
            position = body + size + (size & 1); // chunks are padded to even length
        }
    }

    private static AudioReader dataReader(SeekableByteChannel channel, ChannelBytes in, WavFormat format,
                                          long body, long size, boolean rf64) throws IOException {
        long available = in.size() - body;
        if (size > available) {
            throw in.invalid("data chunk declares " + size + " bytes but the file holds only "
                    + available + " after offset " + body + " (truncated)");
        }
        int frameBytes = format.channels() * format.encoding().bytes();
        if (size % frameBytes != 0) {
            throw in.invalid("data chunk of " + size + " bytes is not a whole number of "
                    + frameBytes + "-byte frames");
        }
        AudioInfo info = new AudioInfo(in.source(), rf64 ? Container.RF64 : Container.WAV,
                format.sampleRate(), format.channels(), format.encoding().format(), format.validBits(),
                size / frameBytes);
        return new PcmStreamReader(channel, info, format.encoding(), body);
    }

    private static void closeAfterFailure(SeekableByteChannel channel, Throwable failure) {
        try {
            channel.close();
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
