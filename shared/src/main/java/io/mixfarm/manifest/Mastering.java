package io.mixfarm.manifest;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * Mastering settings as written at album or song level: every field may be null (not set), so a
 * song's settings can be laid {@link #over(Mastering) over} the album's, field by field. A field
 * set on the song replaces the album's field as a whole (lists and objects are not merged).
 * {@link #resolved(int)} fills the defaults.
 *
 * @param albumMode      one gain for the whole album (song levels stay relative); album only
 * @param maxLimitingDb  most gain reduction the limiter may apply to reach the target, dB
 * @param eq             master EQ bands
 * @param glue           a gentle full-band compressor before the limiter; null for none
 * @param multiband      a three-band compressor; null for none
 * @param stereoWidth    mid/side width, 1 = unchanged
 * @param deliverables   the files written for each song
 */
public record Mastering(
        Preset preset,
        Double targetLufs,
        Double ceilingDbtp,
        Boolean albumMode,
        Double maxLimitingDb,
        WhenUnreachable whenUnreachable,
        List<EqBand> eq,
        Compressor glue,
        Multiband multiband,
        Double stereoWidth,
        List<Deliverable> deliverables) {

    /** No field set. */
    public static final Mastering UNSET =
            new Mastering(null, null, null, null, null, null, null, null, null, null, null);

    static final double DEFAULT_MAX_LIMITING_DB = 6.0;

    public Mastering {
        eq = eq == null ? null : List.copyOf(eq);
        deliverables = deliverables == null ? null : List.copyOf(deliverables);
    }

    /** These settings with every unset field taken from {@code base}. */
    public Mastering over(Mastering base) {
        return new Mastering(
                pick(preset, base.preset), pick(targetLufs, base.targetLufs),
                pick(ceilingDbtp, base.ceilingDbtp), pick(albumMode, base.albumMode),
                pick(maxLimitingDb, base.maxLimitingDb), pick(whenUnreachable, base.whenUnreachable),
                pick(eq, base.eq), pick(glue, base.glue), pick(multiband, base.multiband),
                pick(stereoWidth, base.stereoWidth), pick(deliverables, base.deliverables));
    }

    /**
     * These settings with the defaults filled in: the preset's target and ceiling, one 24-bit
     * WAV at the session rate when no deliverable is listed. {@code glue} and {@code multiband}
     * stay null when not set (the processor is off).
     */
    public Mastering resolved(int sessionSampleRate) {
        Preset p = pick(preset, Preset.STREAMING);
        List<Deliverable> files = deliverables == null
                ? List.of(new Deliverable(Deliverable.Format.WAV, 24, null, null))
                : deliverables;
        return new Mastering(p, pick(targetLufs, p.targetLufs()), pick(ceilingDbtp, p.ceilingDbtp()),
                pick(albumMode, Boolean.FALSE), pick(maxLimitingDb, DEFAULT_MAX_LIMITING_DB),
                pick(whenUnreachable, WhenUnreachable.LIMIT), pick(eq, List.of()), glue, multiband,
                pick(stereoWidth, 1.0),
                files.stream().map(d -> d.withSampleRateDefault(sessionSampleRate)).toList());
    }

    private static <T> T pick(T value, T fallback) {
        return value != null ? value : fallback;
    }

    /**
     * A loudness target and true-peak ceiling. {@code CUSTOM} has none: the manifest gives both.
     */
    public enum Preset {
        @JsonProperty("streaming") STREAMING(-14.0, -1.0),
        @JsonProperty("apple") APPLE(-16.0, -1.0),
        @JsonProperty("broadcast") BROADCAST(-23.0, -1.0),
        @JsonProperty("aes-music") AES_MUSIC(-16.0, -1.0),
        @JsonProperty("custom") CUSTOM(null, null);

        private final Double targetLufs;
        private final Double ceilingDbtp;

        Preset(Double targetLufs, Double ceilingDbtp) {
            this.targetLufs = targetLufs;
            this.ceilingDbtp = ceilingDbtp;
        }

        /** Integrated loudness target, LUFS; null for custom. */
        public Double targetLufs() {
            return targetLufs;
        }

        /** True-peak ceiling, dBTP; null for custom. */
        public Double ceilingDbtp() {
            return ceilingDbtp;
        }
    }

    /** What to do when the target needs more than {@code maxLimitingDb} of limiting. */
    public enum WhenUnreachable {
        /** Deliver at the loudest level that needs at most maxLimitingDb; report the shortfall. */
        @JsonProperty("limit") LIMIT,
        /** Deliver nothing for the song; fail it with a report of the shortfall. */
        @JsonProperty("report") REPORT,
        /** Apply the limiting the target needs, beyond maxLimitingDb; the report says it was exceeded. */
        @JsonProperty("force") FORCE
    }
}
