package io.mixfarm.engine.codec.flac;

import io.mixfarm.engine.audio.TrackMetadata;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A FLAC VORBIS_COMMENT metadata block (RFC 9639 section 8.6) for a track: TITLE, ARTIST, ALBUM,
 * ISRC, TRACKNUMBER, TRACKTOTAL and the ReplayGain 2.0 tags (REPLAYGAIN_TRACK_GAIN "-3.21 dB",
 * REPLAYGAIN_TRACK_PEAK "0.988553", album likewise), after a vendor string. Lengths are
 * little-endian as in Vorbis; the block header is big-endian as in FLAC.
 */
final class FlacVorbisComment {
    static final String VENDOR = "Mixfarm";
    private static final int TYPE = 4;

    private FlacVorbisComment() {
    }

    /** The comments as {@code NAME=value} strings, in the order they are written. */
    static List<String> comments(TrackMetadata m) {
        List<String> c = new ArrayList<>();
        add(c, "TITLE", m.title());
        add(c, "ARTIST", m.artist());
        add(c, "ALBUM", m.album());
        add(c, "ISRC", m.isrc());
        add(c, "TRACKNUMBER", m.trackNumber() == null ? null : m.trackNumber().toString());
        add(c, "TRACKTOTAL", m.trackTotal() == null ? null : m.trackTotal().toString());
        if (m.trackGain() != null) {
            add(c, "REPLAYGAIN_TRACK_GAIN", m.trackGain().gainText());
            add(c, "REPLAYGAIN_TRACK_PEAK", m.trackGain().peakText());
        }
        if (m.albumGain() != null) {
            add(c, "REPLAYGAIN_ALBUM_GAIN", m.albumGain().gainText());
            add(c, "REPLAYGAIN_ALBUM_PEAK", m.albumGain().peakText());
        }
        if (m.originated() != null) {
            add(c, "DATE", String.format(Locale.ROOT, "%04d-%02d-%02d", m.originated().getYear(),
                    m.originated().getMonthValue(), m.originated().getDayOfMonth()));
        }
        return c;
    }

    /** The whole block, header included, not flagged last. */
    static byte[] block(TrackMetadata metadata) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        putString(body, VENDOR);
        List<String> comments = comments(metadata);
        putLength(body, comments.size());
        for (String comment : comments) {
            putString(body, comment);
        }
        byte[] b = body.toByteArray();
        if (b.length >= 1 << 24) {
            throw new IllegalArgumentException("tags take " + b.length + " bytes; a FLAC metadata block holds < 16 MiB");
        }
        ByteBuffer block = ByteBuffer.allocate(4 + b.length);
        block.putInt(TYPE << 24 | b.length).put(b);
        return block.array();
    }

    private static void add(List<String> c, String name, String value) {
        if (value != null) {
            c.add(name + "=" + value);
        }
    }

    private static void putString(ByteArrayOutputStream out, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        putLength(out, bytes.length);
        out.writeBytes(bytes);
    }

    private static void putLength(ByteArrayOutputStream out, int n) {
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(n).array());
    }
}
