package io.mixfarm.engine.audio;

import java.time.LocalDateTime;
import java.util.regex.Pattern;

/**
 * The tags a delivered file carries: WAV writes them as LIST/INFO, BWF {@code bext} and
 * {@code iXML} chunks, FLAC as Vorbis comments. Every field is optional (null); an empty record
 * writes no tags.
 *
 * @param title       song title
 * @param artist      performing artist
 * @param album       album title
 * @param isrc        ISO 3901 code, 12 characters CCXXXYYNNNNN (no hyphens), upper case
 * @param trackNumber position on the album, from 1
 * @param trackTotal  tracks on the album; needs a track number no larger than it
 * @param trackGain   ReplayGain 2.0 track gain and peak
 * @param albumGain   ReplayGain 2.0 album gain and peak
 * @param originated  when the file was made (BWF origination date and time); the caller injects
 *                    it from a {@link java.time.Clock} so that output stays reproducible
 */
public record TrackMetadata(String title, String artist, String album, String isrc, Integer trackNumber,
                            Integer trackTotal, ReplayGain trackGain, ReplayGain albumGain,
                            LocalDateTime originated) {

    /** No tags at all. */
    public static final TrackMetadata NONE = new TrackMetadata(null, null, null, null, null, null, null, null, null);

    private static final Pattern ISRC = Pattern.compile("[A-Z]{2}[A-Z0-9]{3}[0-9]{7}");

    public TrackMetadata {
        requireText("title", title);
        requireText("artist", artist);
        requireText("album", album);
        if (isrc != null && !ISRC.matcher(isrc).matches()) {
            throw new IllegalArgumentException("ISRC '" + isrc
                    + "' is not 12 characters CCXXXYYNNNNN (country, registrant, year, designation; no hyphens)");
        }
        if (trackNumber != null && trackNumber < 1) {
            throw new IllegalArgumentException("track number must be at least 1, was " + trackNumber);
        }
        if (trackTotal != null && (trackNumber == null || trackTotal < trackNumber)) {
            throw new IllegalArgumentException("track total " + trackTotal + " needs a track number no larger than it, was "
                    + trackNumber);
        }
    }

    /** Title, artist and album only. */
    public static TrackMetadata of(String title, String artist, String album) {
        return new TrackMetadata(title, artist, album, null, null, null, null, null, null);
    }

    public TrackMetadata withIsrc(String code) {
        return new TrackMetadata(title, artist, album, code, trackNumber, trackTotal, trackGain, albumGain, originated);
    }

    public TrackMetadata withTrack(Integer number, Integer total) {
        return new TrackMetadata(title, artist, album, isrc, number, total, trackGain, albumGain, originated);
    }

    public TrackMetadata withReplayGain(ReplayGain track, ReplayGain albumValue) {
        return new TrackMetadata(title, artist, album, isrc, trackNumber, trackTotal, track, albumValue, originated);
    }

    public TrackMetadata withOriginated(LocalDateTime time) {
        return new TrackMetadata(title, artist, album, isrc, trackNumber, trackTotal, trackGain, albumGain, time);
    }

    /** Whether no field is set. */
    public boolean isEmpty() {
        return equals(NONE);
    }

    private static void requireText(String field, String value) {
        if (value == null) {
            return;
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank; leave it out instead");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException(field + " '" + value + "' contains a control character at " + i);
            }
        }
    }

    /**
     * A ReplayGain 2.0 value pair (reference −18 LUFS: gain = −18 − loudness).
     *
     * @param gainDb gain to apply for playback at the reference, dB
     * @param peak   largest (true) peak as a linear amplitude, 1.0 = full scale
     */
    public record ReplayGain(double gainDb, double peak) {
        public ReplayGain {
            if (!Double.isFinite(gainDb) || Math.abs(gainDb) > 64) {
                throw new IllegalArgumentException("ReplayGain gain must be finite and within ±64 dB, was " + gainDb);
            }
            if (!(peak >= 0) || !Double.isFinite(peak)) {
                throw new IllegalArgumentException("ReplayGain peak must be a finite amplitude >= 0, was " + peak);
            }
        }

        /** ReplayGain 2.0 reference loudness, LUFS. */
        public static final double REFERENCE_LUFS = -18.0;

        /**
         * The values for a measured programme: gain = −18 LUFS − integrated loudness, peak = the
         * true peak as an amplitude. For album values pass the album loudness (pooled gating
         * blocks, {@code Loudness.albumIntegratedLufs}) and the highest true peak of the album.
         */
        public static ReplayGain of(double integratedLufs, double truePeakDbtp) {
            return new ReplayGain(REFERENCE_LUFS - integratedLufs, Math.pow(10, truePeakDbtp / 20));
        }

        /** As ReplayGain tags write it: {@code "-3.21 dB"} (sign always shown, as metaflac does). */
        public String gainText() {
            return String.format(java.util.Locale.ROOT, "%+.2f dB", gainDb);
        }

        /** As ReplayGain tags write it: {@code "0.988553"}. */
        public String peakText() {
            return String.format(java.util.Locale.ROOT, "%.6f", peak);
        }
    }
}
