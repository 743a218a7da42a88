package io.mixfarm.manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The behaviour the model records carry: fader automation, delay times, mastering merge. */
class ModelTest {

    private static Strip automated(AutomationPoint... points) {
        return new Strip(null, null, null, null, null, null, null, null, null, null, List.of(points), null, null);
    }

    @Test
    void faderFollowsAutomationLinearlyInDecibels() {
        Strip strip = automated(new AutomationPoint(2.0, -10.0), new AutomationPoint(4.0, 0.0),
                new AutomationPoint(5.0, -6.0));
        assertEquals(-10.0, strip.faderDbAt(0.0), "held before the first breakpoint");
        assertEquals(-10.0, strip.faderDbAt(2.0));
        assertEquals(-5.0, strip.faderDbAt(3.0), 1e-12);
        assertEquals(0.0, strip.faderDbAt(4.0));
        assertEquals(-3.0, strip.faderDbAt(4.5), 1e-12);
        assertEquals(-6.0, strip.faderDbAt(60.0), "held after the last breakpoint");
    }

    @Test
    void staticFaderWithoutAutomation() {
        assertEquals(0.0, Strip.NEUTRAL.faderDbAt(10));
        Strip strip = new Strip(null, null, null, null, null, null, null, null, null, -4.5, null, null, null);
        assertEquals(-4.5, strip.faderDbAt(10));
    }

    @ParameterizedTest(name = "{0} at {1} BPM = {2} ms")
    @CsvSource({
            "1/4, 120, 500",
            "1/8, 120, 250",
            "1/8., 120, 375",
            "1/8t, 120, 166.6666666666667",
            "1/1, 60, 4000",
            "1/64, 240, 15.625",
    })
    void noteValuesBecomeDelayTimes(String note, double bpm, double ms) {
        assertEquals(ms, new Delay(null, note, bpm, null, null, null).delayMs(), 1e-9);
    }

    @Test
    void notNoteValues() {
        for (String note : List.of("1/3", "1/8..", "2/4", "1/128", "quarter", "1/4T", "")) {
            assertTrue(Double.isNaN(Delay.wholeNotes(note)), note);
        }
    }

    @Test
    void songMasteringReplacesAlbumFieldsWhole() {
        EqBand lowShelf = new EqBand(EqBand.Type.LOW_SHELF, 80.0, 1.0, null);
        EqBand bell = new EqBand(EqBand.Type.BELL, 3000.0, -1.0, 2.0);
        Mastering album = new Mastering(Mastering.Preset.APPLE, null, -2.0, null, 3.0, null,
                List.of(lowShelf), null, null, null, null);
        Mastering song = new Mastering(null, null, null, null, null, Mastering.WhenUnreachable.REPORT,
                List.of(bell), null, null, 1.1, null);
        Mastering resolved = song.over(album).resolved(96000);
        assertEquals(Mastering.Preset.APPLE, resolved.preset());
        assertEquals(-16.0, resolved.targetLufs(), "from the preset");
        assertEquals(-2.0, resolved.ceilingDbtp(), "explicit album value wins over the preset");
        assertEquals(3.0, resolved.maxLimitingDb());
        assertEquals(Mastering.WhenUnreachable.REPORT, resolved.whenUnreachable());
        assertEquals(List.of(bell), resolved.eq(), "lists are replaced, not merged");
        assertEquals(1.1, resolved.stereoWidth());
        assertEquals(List.of(new Deliverable(Deliverable.Format.WAV, 24, 96000, Deliverable.Dither.TPDF)),
                resolved.deliverables());
    }

    @Test
    void defaultsWhenNothingIsSet() {
        Mastering m = Mastering.UNSET.over(Mastering.UNSET).resolved(44100);
        assertEquals(new Mastering(Mastering.Preset.STREAMING, -14.0, -1.0, false, 6.0,
                Mastering.WhenUnreachable.LIMIT, List.of(), null, null, 1.0,
                List.of(new Deliverable(Deliverable.Format.WAV, 24, 44100, Deliverable.Dither.TPDF))), m);
        assertEquals(Math.sqrt(0.5), new EqBand(EqBand.Type.BELL, 1000.0, 1.0, null).q());
        assertEquals(new Compressor(-10.0, 2.0, 0.0, 10.0, 100.0, 0.0, Compressor.Detection.PEAK),
                new Compressor(-10.0, 2.0, null, null, null, null, null));
        assertEquals(12, new Filter(100.0, null).slope());
    }
}
