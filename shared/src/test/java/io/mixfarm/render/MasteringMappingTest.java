package io.mixfarm.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mixfarm.engine.dsp.Compressor;
import io.mixfarm.engine.mix.EqBandSettings;
import io.mixfarm.engine.master.LoudnessFigures;
import io.mixfarm.engine.master.MasteringOutcome;
import io.mixfarm.engine.master.MasteringSettings;
import io.mixfarm.engine.master.SongReport;
import io.mixfarm.engine.master.UnreachablePolicy;
import io.mixfarm.manifest.Mastering;
import io.mixfarm.manifest.Multiband;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MasteringMappingTest {

    @Test
    void presetSongOverrideAndProcessorsMapOntoEngineSettings() {
        io.mixfarm.manifest.Compressor glue = new io.mixfarm.manifest.Compressor(-18.0, 2.0, 6.0, 30.0, 200.0, 1.0,
                io.mixfarm.manifest.Compressor.Detection.RMS);
        Mastering album = new Mastering(Mastering.Preset.APPLE, null, null, null, 4.0, Mastering.WhenUnreachable.REPORT,
                List.of(new io.mixfarm.manifest.EqBand(io.mixfarm.manifest.EqBand.Type.HIGH_SHELF, 8000.0, 1.5, null)),
                glue, new Multiband(150.0, 3000.0, glue, null, null), 1.2, null);
        Mastering song = new Mastering(null, null, -2.0, null, null, null, null, null, null, null, null);
        MasteringSettings s = MasteringMapping.settings(song.over(album), 48_000);
        assertEquals(-16.0, s.targetLufs());
        assertEquals(-2.0, s.ceilingDbtp(), "song override");
        assertEquals(4.0, s.maxLimitingDb());
        assertEquals(UnreachablePolicy.REPORT, s.whenUnreachable());
        assertEquals(List.of(new EqBandSettings(EqBandSettings.Shape.HIGH_SHELF, 8000, 1.5, Math.sqrt(0.5))), s.eq());
        assertEquals(Compressor.Detection.RMS, s.glue().detection());
        assertEquals(150.0, s.multiband().lowCrossoverHz());
        assertNull(s.multiband().mid());
        assertEquals(1.2, s.stereoWidth());
    }

    @Test
    void defaultsAreStreamingWithLimitPolicy() {
        MasteringSettings s = MasteringMapping.settings(Mastering.UNSET, 44_100);
        assertEquals(-14.0, s.targetLufs());
        assertEquals(-1.0, s.ceilingDbtp());
        assertEquals(6.0, s.maxLimitingDb());
        assertEquals(UnreachablePolicy.LIMIT, s.whenUnreachable());
        assertTrue(!s.hasPreLimiterProcessing());
    }

    @Test
    void reportJsonSaysWhetherTheTargetWasReachedAndHasNoInfinities() throws Exception {
        LoudnessFigures in = new LoudnessFigures(-30, 8, -10, -10.5);
        LoudnessFigures out = new LoudnessFigures(-16.4, 6, -1.1, -1.3);
        SongReport report = new SongReport("quiet.wav", 44_100, 12.5, -14, -1, in, out, 12.0, -1.1, 6.0, 0.8, 6.0,
                UnreachablePolicy.LIMIT, MasteringOutcome.LIMITED_SHORT_OF_TARGET, 3,
                new double[] {Double.NEGATIVE_INFINITY, -20.123, -18.0});
        JsonNode json = new ObjectMapper().readTree(MasteringReportJson.song(report));
        assertEquals("limited-short-of-target", json.get("outcome").asText());
        assertTrue(json.get("policy").asText().startsWith("target not reachable within limits"));
        assertTrue(!json.get("targetReached").asBoolean());
        assertTrue(json.get("delivered").asBoolean());
        assertEquals(-16.4, json.at("/output/integratedLufs").asDouble());
        assertEquals(15.3, json.at("/output/plrDb").asDouble(), 1e-9);
        assertEquals(6.0, json.at("/limiter/maxGainReductionDb").asDouble());
        assertTrue(json.at("/shortTermLufs/values/0").isNull(), "silence is null, not -Infinity");
        assertEquals(-20.12, json.at("/shortTermLufs/values/1").asDouble());
        assertEquals(3.0, json.at("/shortTermLufs/startSeconds").asDouble());
    }
}
