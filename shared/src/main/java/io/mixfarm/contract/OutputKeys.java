package io.mixfarm.contract;

import io.mixfarm.manifest.Deliverable;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Deterministic storage keys: the same session always writes the same objects, so a task
 * delivered twice overwrites its own outputs instead of adding new ones.
 *
 * <pre>
 * &lt;output&gt;/album-report.json                   the album report
 * &lt;output&gt;/&lt;song-id&gt;/&lt;song-id&gt;-24bit-48000hz.wav  a deliverable
 * &lt;output&gt;/&lt;song-id&gt;/report.json               the song report
 * &lt;output&gt;/&lt;song-id&gt;/&lt;plot&gt;.png                a plot
 * &lt;output&gt;/&lt;song-id&gt;/.mixfarm-done.json       the song's done marker (its input hash and outputs)
 * &lt;output&gt;/.work/&lt;song-id&gt;/mix-&lt;hash&gt;.wav      album mode: ANALYZE's float mix, for MASTER to reuse
 * s3://&lt;bucket&gt;/stems/sha256/&lt;hex&gt;               a stem uploaded by farm submit
 * </pre>
 * Deliverable files carry the song id so masters downloaded into one folder do not collide.
 */
public final class OutputKeys {

    public static final String ALBUM_REPORT = "album-report.json";
    public static final String SONG_REPORT = "report.json";
    public static final String STEMS_PREFIX = "stems/sha256/";
    /** Intermediate objects of a running session, under its output; deleted as they stop being needed. */
    public static final String WORK_FOLDER = ".work/";
    public static final String DONE_MARKER = ".mixfarm-done.json";

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private OutputKeys() {
    }

    /** The session-level album report. */
    public static S3Uri albumReport(S3Uri output) {
        return output.resolve(ALBUM_REPORT);
    }

    /** The folder of one song's outputs. */
    public static S3Uri songFolder(S3Uri output, String songId) {
        return output.resolve(id(songId, "song id") + "/");
    }

    /** A song's report, beside its masters. */
    public static S3Uri songReport(S3Uri output, String songId) {
        return songFolder(output, songId).resolve(SONG_REPORT);
    }

    /** A song's plot, named e.g. {@code loudness} (written as {@code loudness.png}). */
    public static S3Uri songPlot(S3Uri output, String songId, String plotName) {
        return songFolder(output, songId).resolve(id(plotName, "plot name") + ".png");
    }

    /** A song's done marker: what its outputs were rendered from ({@link DoneMarker}). */
    public static S3Uri doneMarker(S3Uri output, String songId) {
        return songFolder(output, songId).resolve(DONE_MARKER);
    }

    /** The session's folder of intermediate objects. */
    public static S3Uri workFolder(S3Uri output) {
        return output.resolve(WORK_FOLDER);
    }

    /** A song's float mix keyed by {@link InputHash#mix}: a mix of other inputs never matches. */
    public static S3Uri workMix(S3Uri output, String songId, String mixHash) {
        if (mixHash == null || !SHA256.matcher(mixHash).matches()) {
            throw new IllegalArgumentException("\"" + mixHash + "\" is not a SHA-256 in hex (64 digits)");
        }
        return workFolder(output).resolve(id(songId, "song id") + "/mix-" + mixHash + ".wav");
    }

    /** A song's deliverable file. */
    public static S3Uri deliverable(S3Uri output, String songId, Deliverable deliverable, int sessionSampleRate) {
        return songFolder(output, songId).resolve(deliverableFile(songId, deliverable, sessionSampleRate));
    }

    /**
     * A deliverable of a song with a {@code deliverTo} (an {@code s3://} location or a key under
     * {@code output}): {@code <deliverTo>.<ext>} when it is the song's only deliverable, else
     * {@code <deliverTo>-<bits>bit-<rate>hz.<ext>}.
     */
    public static S3Uri namedDeliverable(S3Uri output, String deliverTo, Deliverable deliverable,
                                         int sessionSampleRate, boolean only) {
        int rate = deliverable.sampleRate() != null ? deliverable.sampleRate() : sessionSampleRate;
        String extension = deliverable.format().name().toLowerCase(Locale.ROOT);
        String name = only ? deliverTo + "." + extension
                : deliverTo + "-" + deliverable.bitDepth() + "bit-" + rate + "hz." + extension;
        return name.startsWith(S3Uri.SCHEME) ? S3Uri.parseObject(name) : output.resolve(name);
    }

    /**
     * {@code <song-id>-<bits>bit-<rate>hz.<ext>}, e.g. {@code song-01-24bit-48000hz.wav}; unique
     * per song because the manifest allows no two deliverables of one format, depth and rate.
     */
    public static String deliverableFile(String songId, Deliverable deliverable, int sessionSampleRate) {
        int rate = deliverable.sampleRate() != null ? deliverable.sampleRate() : sessionSampleRate;
        String extension = deliverable.format().name().toLowerCase(Locale.ROOT);
        return id(songId, "song id") + "-" + deliverable.bitDepth() + "bit-" + rate + "hz." + extension;
    }

    /** Where {@code farm submit} uploads a stem: addressed by content, so re-uploads are skipped. */
    public static S3Uri stem(String bucket, String sha256Hex) {
        String hex = sha256Hex.toLowerCase(Locale.ROOT);
        if (!SHA256.matcher(hex).matches()) {
            throw new IllegalArgumentException("\"" + sha256Hex + "\" is not a SHA-256 in hex (64 digits)");
        }
        return new S3Uri(bucket, STEMS_PREFIX + hex);
    }

    private static String id(String value, String what) {
        if (value == null || !ID.matcher(value).matches()) {
            throw new IllegalArgumentException("\"" + value + "\" is not a valid " + what
                    + " (1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit)");
        }
        return value;
    }
}
