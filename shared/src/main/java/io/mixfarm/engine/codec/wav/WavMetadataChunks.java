package io.mixfarm.engine.codec.wav;

import io.mixfarm.engine.audio.TrackMetadata;
import io.mixfarm.engine.audio.WriteSpec;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;

/**
 * The metadata chunks a delivered WAV carries between {@code fmt } and {@code data}, built once
 * before the first sample (their sizes never change, so streaming and the RF64 switch still work):
 *
 * <ul>
 *   <li>{@code bext} (EBU Tech 3285, version 1): Description holds the tags as {@code KEY=value}
 *       lines (ISRC first, as field recorders and mastering tools put codes there; EBU R099's
 *       USID would need a registered organisation code, so OriginatorReference stays empty),
 *       Originator "Mixfarm", origination date and time, and an EBU R98 coding history line. The
 *       text fields are ASCII by specification: other characters are written as '?'.</li>
 *   <li>{@code LIST}/{@code INFO}: INAM title, IART artist, IPRD album, ITRK track number,
 *       ISRC code, ICRD date, ISFT software — UTF-8, NUL-terminated (what ffprobe shows as
 *       title, artist, album, track, ISRC, date, encoder).</li>
 *   <li>{@code iXML} (iXML 2.10): PROJECT album, NOTE title, and every field, ReplayGain included,
 *       under a {@code MIXFARM} element (readers ignore elements they do not know).</li>
 * </ul>
 */
final class WavMetadataChunks {
    static final String ORIGINATOR = "Mixfarm";
    private static final int BEXT_FIXED = 602;

    private WavMetadataChunks() {
    }

    /** The chunks for {@code metadata}, each padded to even length; empty for no metadata. */
    static byte[] build(TrackMetadata metadata, WriteSpec spec) {
        if (metadata == null || metadata.isEmpty()) {
            return new byte[0];
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        chunk(out, "bext", bext(metadata, spec));
        chunk(out, "LIST", info(metadata));
        chunk(out, "iXML", ixml(metadata).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static byte[] bext(TrackMetadata m, WriteSpec spec) {
        String history = String.format(java.util.Locale.ROOT, "A=%s,F=%d,W=%d,M=%s,T=%s\r\n",
                spec.format().isFloatingPoint() ? "PCM_FLOAT" : "PCM", spec.sampleRate(), spec.format().bits(),
                spec.channels() == 1 ? "mono" : spec.channels() == 2 ? "stereo" : "multitrack", ORIGINATOR);
        ByteBuffer b = ByteBuffer.allocate(BEXT_FIXED + history.length()).order(ByteOrder.LITTLE_ENDIAN);
        putAscii(b, description(m), 256);
        putAscii(b, ORIGINATOR, 32);
        putAscii(b, "", 32); // OriginatorReference
        putAscii(b, m.originated() == null ? "" : m.originated().format(DateTimeFormatter.ofPattern("yyyy-MM-dd")), 10);
        putAscii(b, m.originated() == null ? "" : m.originated().format(DateTimeFormatter.ofPattern("HH:mm:ss")), 8);
        b.putLong(0); // TimeReference: the file starts at sample 0 of the song
        b.putShort((short) 1); // version 1: UMID present (zero), loudness fields reserved
        b.position(BEXT_FIXED); // UMID, loudness and reserved bytes stay zero
        putAscii(b, history, history.length());
        return b.array();
    }

    /** {@code KEY=value} lines, ISRC first; cut at 256 characters (the field's size). */
    static String description(TrackMetadata m) {
        StringBuilder s = new StringBuilder();
        line(s, "ISRC", m.isrc());
        line(s, "TITLE", m.title());
        line(s, "ARTIST", m.artist());
        line(s, "ALBUM", m.album());
        line(s, "TRACK", trackText(m));
        return s.length() > 256 ? s.substring(0, 256) : s.toString();
    }

    private static byte[] info(TrackMetadata m) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("INFO".getBytes(StandardCharsets.US_ASCII));
        infoItem(out, "INAM", m.title());
        infoItem(out, "IART", m.artist());
        infoItem(out, "IPRD", m.album());
        infoItem(out, "ITRK", m.trackNumber() == null ? null : m.trackNumber().toString());
        infoItem(out, "ISRC", m.isrc());
        infoItem(out, "ICRD", m.originated() == null ? null
                : m.originated().format(DateTimeFormatter.ofPattern("yyyy-MM-dd")));
        infoItem(out, "ISFT", ORIGINATOR);
        return out.toByteArray();
    }

    private static String ixml(TrackMetadata m) {
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<BWFXML>\n");
        element(x, "IXML_VERSION", "2.10");
        element(x, "PROJECT", m.album());
        element(x, "NOTE", m.title());
        x.append("<MIXFARM>\n");
        element(x, "TITLE", m.title());
        element(x, "ARTIST", m.artist());
        element(x, "ALBUM", m.album());
        element(x, "ISRC", m.isrc());
        element(x, "TRACKNUMBER", m.trackNumber() == null ? null : m.trackNumber().toString());
        element(x, "TRACKTOTAL", m.trackTotal() == null ? null : m.trackTotal().toString());
        if (m.trackGain() != null) {
            element(x, "REPLAYGAIN_TRACK_GAIN", m.trackGain().gainText());
            element(x, "REPLAYGAIN_TRACK_PEAK", m.trackGain().peakText());
        }
        if (m.albumGain() != null) {
            element(x, "REPLAYGAIN_ALBUM_GAIN", m.albumGain().gainText());
            element(x, "REPLAYGAIN_ALBUM_PEAK", m.albumGain().peakText());
        }
        x.append("</MIXFARM>\n</BWFXML>\n");
        return x.toString();
    }

    static String trackText(TrackMetadata m) {
        if (m.trackNumber() == null) {
            return null;
        }
        return m.trackTotal() == null ? m.trackNumber().toString() : m.trackNumber() + "/" + m.trackTotal();
    }

    private static void line(StringBuilder s, String key, String value) {
        if (value != null) {
            s.append(key).append('=').append(value).append("\r\n");
        }
    }

    private static void element(StringBuilder x, String name, String value) {
        if (value == null) {
            return;
        }
        x.append('<').append(name).append('>');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '<': x.append("&lt;"); break;
                case '>': x.append("&gt;"); break;
                case '&': x.append("&amp;"); break;
                default: x.append(c);
            }
        }
        x.append("</").append(name).append(">\n");
    }

    private static void infoItem(ByteArrayOutputStream out, String id, String value) {
        if (value == null) {
            return;
        }
        byte[] text = value.getBytes(StandardCharsets.UTF_8);
        byte[] body = java.util.Arrays.copyOf(text, text.length + 1); // NUL-terminated
        chunk(out, id, body);
    }

    /** id, little-endian size, body, and a pad byte when the size is odd (RIFF rule). */
    private static void chunk(ByteArrayOutputStream out, String id, byte[] body) {
        ByteBuffer head = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        head.put(id.getBytes(StandardCharsets.US_ASCII)).putInt(body.length);
        out.writeBytes(head.array());
        out.writeBytes(body);
        if ((body.length & 1) != 0) {
            out.write(0);
        }
    }

    /** Writes {@code text} as ASCII ('?' for anything else) into a zero-filled field of {@code size}. */
    private static void putAscii(ByteBuffer b, String text, int size) {
        int start = b.position();
        for (int i = 0; i < Math.min(size, text.length()); i++) {
            char c = text.charAt(i);
            b.put(c < 0x80 ? (byte) c : (byte) '?');
        }
        b.position(start + size);
    }
}
