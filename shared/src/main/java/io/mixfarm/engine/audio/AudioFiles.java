package io.mixfarm.engine.audio;

import io.mixfarm.engine.codec.aiff.AiffReader;
import io.mixfarm.engine.codec.flac.FlacReader;
import io.mixfarm.engine.codec.flac.FlacWriter;
import io.mixfarm.engine.codec.wav.WavReader;
import io.mixfarm.engine.codec.wav.WavWriter;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Opens audio files by their content, not their extension: the first bytes say whether a file is
 * WAV/RF64/BW64, AIFF/AIFF-C or FLAC (a {@code .wav} that is really FLAC is read as FLAC; a text
 * file named {@code .wav} is rejected as not audio).
 */
public final class AudioFiles {
    private AudioFiles() {
    }

    /** Opens {@code file} for streaming reads; the error messages name it as given. */
    public static AudioReader open(Path file) throws IOException {
        return open(FileChannel.open(file, StandardOpenOption.READ), file.toString());
    }

    /** Opens a channel (taking ownership of it) for streaming reads; {@code source} names it in errors. */
    public static AudioReader open(SeekableByteChannel channel, String source) throws IOException {
        try {
            Container container = sniff(channel, source);
            channel.position(0);
            switch (container) {
                case WAV:
                case RF64:
                    return WavReader.open(channel, source);
                case AIFF:
                    return AiffReader.open(channel, source);
                case FLAC:
                    return FlacReader.open(channel, source);
                default:
                    throw new IllegalStateException("unhandled container " + container);
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Creates (or replaces) {@code file} and returns a streaming writer for it. */
    public static AudioWriter create(Path file, WriteSpec spec) throws IOException {
        return create(file, spec, TrackMetadata.NONE);
    }

    /**
     * Creates (or replaces) {@code file} with {@code metadata} as tags: WAV gets {@code bext},
     * LIST/INFO and {@code iXML} chunks, FLAC a VORBIS_COMMENT block; {@link TrackMetadata#NONE}
     * writes none.
     */
    public static AudioWriter create(Path file, WriteSpec spec, TrackMetadata metadata) throws IOException {
        java.util.Objects.requireNonNull(metadata, "metadata (use TrackMetadata.NONE for none)");
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.READ, StandardOpenOption.TRUNCATE_EXISTING);
        try {
            return spec.container() == Container.FLAC
                    ? FlacWriter.create(channel, file.toString(), spec, metadata)
                    : WavWriter.create(channel, file.toString(), spec, metadata);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The container named by the first bytes of the channel. */
    static Container sniff(SeekableByteChannel channel, String source) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(12);
        while (head.hasRemaining() && channel.read(head) > 0) {
            // keep reading: a channel may return fewer bytes than asked
        }
        if (head.position() == 0) {
            throw new InvalidAudioException(source, "file is empty");
        }
        String magic = new String(head.array(), 0, Math.min(4, head.position()), StandardCharsets.ISO_8859_1);
        String form = head.position() >= 12 ? new String(head.array(), 8, 4, StandardCharsets.ISO_8859_1) : "";
        if (magic.equals("RIFF") || magic.equals("RF64") || magic.equals("BW64")) {
            return magic.equals("RIFF") ? Container.WAV : Container.RF64;
        }
        if (magic.equals("FORM") && (form.equals("AIFF") || form.equals("AIFC"))) {
            return Container.AIFF;
        }
        if (magic.equals("fLaC") || magic.startsWith("ID3")) {
            return Container.FLAC;
        }
        throw new InvalidAudioException(source, "not a WAV, RF64, AIFF or FLAC file (starts with "
                + describe(head.array(), head.position()) + ")");
    }

    private static String describe(byte[] bytes, int length) {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < Math.min(4, length); i++) {
            hex.append(String.format("%02x", bytes[i] & 0xFF));
        }
        return "0x" + hex;
    }
}
