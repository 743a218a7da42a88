package io.mixfarm.manifest;

import java.util.List;
import java.util.Objects;

/**
 * Checks album mastering and each song's override. Ranges apply to the fields as written;
 * rules that depend on both levels (a custom preset needs a target) apply to the merged result
 * and are reported where the deciding field was written.
 */
final class MasteringRules {

    static final int MAX_DELIVERABLES = 16;

    private final ProcessorRules processors;
    private final Problems problems;
    private final Integer sampleRate;

    MasteringRules(ProcessorRules processors, Integer sampleRate) {
        this.processors = processors;
        this.problems = processors.problems();
        this.sampleRate = sampleRate;
    }

    void album(Mastering album) {
        fields("mastering", album);
        customNeedsTarget("mastering", album);
    }

    void song(String songPath, Mastering song, Mastering album) {
        String path = songPath + ".mastering";
        fields(path, song);
        if (song.albumMode() != null) {
            problems.add(path + ".albumMode", "only allowed in the album's mastering");
        }
        if (Boolean.TRUE.equals(album.albumMode())) {
            String why = "not allowed in album mode (one loudness target for the whole album)";
            if (song.preset() != null) {
                problems.add(path + ".preset", why);
            }
            if (song.targetLufs() != null) {
                problems.add(path + ".targetLufs", why);
            }
        }
        if (song.preset() != null) {
            customNeedsTarget(path, song.over(album));
        }
    }

    private void customNeedsTarget(String path, Mastering merged) {
        if (merged.preset() != Mastering.Preset.CUSTOM) {
            return;
        }
        if (merged.targetLufs() == null) {
            problems.add(path + ".targetLufs", "is required when preset is custom");
        }
        if (merged.ceilingDbtp() == null) {
            problems.add(path + ".ceilingDbtp", "is required when preset is custom");
        }
    }

    private void fields(String path, Mastering m) {
        problems.range(path + ".targetLufs", m.targetLufs(), -36, -6, " LUFS");
        problems.range(path + ".ceilingDbtp", m.ceilingDbtp(), -12, 0, " dBTP");
        problems.range(path + ".maxLimitingDb", m.maxLimitingDb(), 0, 24, " dB");
        problems.range(path + ".stereoWidth", m.stereoWidth(), 0, 2, "");
        processors.eq(path + ".eq", m.eq());
        processors.compressor(path + ".glue", m.glue());
        multiband(path + ".multiband", m.multiband());
        deliverables(path + ".deliverables", m.deliverables());
    }

    private void multiband(String path, Multiband m) {
        if (m == null) {
            return;
        }
        processors.frequency(path + ".lowCrossoverHz", m.lowCrossoverHz());
        processors.frequency(path + ".highCrossoverHz", m.highCrossoverHz());
        if (m.lowCrossoverHz() != null && m.highCrossoverHz() != null && m.highCrossoverHz() <= m.lowCrossoverHz()) {
            problems.add(path + ".highCrossoverHz", Problems.number(m.highCrossoverHz())
                    + " Hz is not above lowCrossoverHz (" + Problems.number(m.lowCrossoverHz()) + " Hz)");
        }
        if (m.low() == null && m.mid() == null && m.high() == null) {
            problems.add(path, "set a compressor on at least one of low, mid, high");
        }
        processors.compressor(path + ".low", m.low());
        processors.compressor(path + ".mid", m.mid());
        processors.compressor(path + ".high", m.high());
    }

    private void deliverables(String path, List<Deliverable> files) {
        if (files == null) {
            return;
        }
        if (files.isEmpty()) {
            problems.add(path, "list at least one deliverable (or leave the field out for one 24-bit WAV)");
        }
        if (files.size() > MAX_DELIVERABLES) {
            problems.add(path, files.size() + " deliverables; at most " + MAX_DELIVERABLES);
        }
        for (int i = 0; i < files.size(); i++) {
            deliverable(PathNames.index(path, i), files.get(i));
            for (int j = 0; j < i; j++) {
                if (sameFile(files.get(i), files.get(j))) {
                    problems.add(PathNames.index(path, i), "same format, bit depth and sample rate as "
                            + PathNames.index("deliverables", j));
                    break;
                }
            }
        }
    }

    private void deliverable(String path, Deliverable d) {
        Integer bits = d.bitDepth();
        if (bits != null && bits != 16 && bits != 24 && bits != 32) {
            problems.add(path + ".bitDepth", bits + " is not 16, 24 or 32");
        }
        if (bits != null && bits == 32 && d.format() == Deliverable.Format.FLAC) {
            problems.add(path + ".bitDepth", "32-bit float is WAV only; FLAC takes 16 or 24");
        }
        if (bits != null && bits == 32 && d.dither() != Deliverable.Dither.NONE) {
            problems.add(path + ".dither", "32-bit float is not dithered; use none");
        }
        problems.range(path + ".sampleRate", d.sampleRate(), ManifestValidator.MIN_SAMPLE_RATE,
                ManifestValidator.MAX_SAMPLE_RATE, " Hz");
    }

    private boolean sameFile(Deliverable a, Deliverable b) {
        Integer rateA = a.sampleRate() != null ? a.sampleRate() : sampleRate;
        Integer rateB = b.sampleRate() != null ? b.sampleRate() : sampleRate;
        return a.format() == b.format() && Objects.equals(a.bitDepth(), b.bitDepth()) && Objects.equals(rateA, rateB);
    }
}
