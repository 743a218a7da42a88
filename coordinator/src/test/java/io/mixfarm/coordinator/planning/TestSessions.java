package io.mixfarm.coordinator.planning;

import io.mixfarm.contract.BlockEnergies;
import io.mixfarm.contract.SongAnalysis;
import io.mixfarm.engine.loudness.GatingBlocks;
import io.mixfarm.engine.loudness.Loudness;
import io.mixfarm.manifest.ManifestParser;
import io.mixfarm.manifest.Session;

import java.util.Arrays;

/** Sessions and measurements for unit tests. */
public final class TestSessions {

    private TestSessions() {
    }

    /** An album of songs s1..sN with one S3 stem each and the given album mastering (YAML flow). */
    public static Session album(int songs, String mastering) {
        StringBuilder y = new StringBuilder("apiVersion: mixfarm/v1\nkind: Session\nid: a\ntitle: A\nartist: B\n"
                + "sampleRate: 48000\noutput: s3://out/a/\nmastering: " + mastering + "\nsongs:\n");
        for (int i = 1; i <= songs; i++) {
            y.append("  - {id: s").append(i).append(", title: S, stems: [{id: x, uri: s3://stems/x.wav}]}\n");
        }
        return ManifestParser.parse(y.toString(), "test");
    }

    /** Measurements of a song whose {@code blocks} blocks all have loudness {@code lufs}. */
    public static SongAnalysis steady(double lufs, int blocks, double truePeak) {
        double[] e = new double[blocks];
        Arrays.fill(e, Loudness.energy(lufs));
        GatingBlocks g = GatingBlocks.of(GatingBlocks.Window.GATING_400_MS, e, blocks);
        GatingBlocks st = GatingBlocks.of(GatingBlocks.Window.SHORT_TERM_3_S, e, blocks);
        return new SongAnalysis(lufs, 0, truePeak, BlockEnergies.of(g), BlockEnergies.of(st));
    }
}
