package io.mixfarm.engine.mix;

import io.mixfarm.engine.dsp.StereoDelay;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Buses, sends, mute and solo: where the signal goes and at what gain. */
class MixRoutingTest {

    private static final int RATE = 48000;
    private static final double[] L = Signals.noise(30_000, 0.5, 1);
    private static final double[] R = Signals.noise(30_000, 0.5, 2);

    private static double db(double gainDb) {
        return Math.pow(10, gainDb / 20);
    }

    private static StemNode stem(String id, StripSettings strip, String bus, SendSettings... sends) {
        return new StemNode(id, ArrayReader.source(RATE, L, R), strip, bus, List.of(sends));
    }

    private static BusNode group(String id, StripSettings strip, String output) {
        return new BusNode(id, null, strip, output, List.of());
    }

    private static void assertGains(CaptureWriter out, double gain) {
        double[] expectedL = new double[L.length];
        double[] expectedR = new double[R.length];
        for (int i = 0; i < L.length; i++) {
            expectedL[i] = L[i] * gain;
            expectedR[i] = R[i] * gain;
        }
        assertArrayEquals(expectedL, out.left(), 1e-12, "left");
        assertArrayEquals(expectedR, out.right(), 1e-12, "right");
    }

    @Test
    void groupBusesApplyTheirStripAndFeedTheirOutput() throws Exception {
        MixGraph graph = new MixGraph(RATE, List.of(stem("s", StripSettings.builder().faderDb(-6).build(), "drums")),
                List.of(group("drums", StripSettings.builder().faderDb(-4).build(), "music"),
                        group("music", StripSettings.builder().trimDb(2).build(), null)));
        assertGains(CaptureWriter.render(graph, 1), db(-6) * db(-4) * db(2));
    }

    @Test
    void postFaderSendsFollowTheFaderAndPreFaderSendsDoNot() throws Exception {
        StripSettings fader = StripSettings.builder().faderDb(-6).build();
        BusNode fx = group("fx", StripSettings.NEUTRAL, null);
        MixGraph post = new MixGraph(RATE, List.of(stem("s", fader, null, new SendSettings("fx", -10, false))), List.of(fx));
        assertGains(CaptureWriter.render(post, 1), db(-6) + db(-6) * db(-10));
        MixGraph pre = new MixGraph(RATE, List.of(stem("s", fader, null, new SendSettings("fx", -10, true))), List.of(fx));
        assertGains(CaptureWriter.render(pre, 1), db(-6) + db(-10));
    }

    @Test
    void busesSendToOtherBuses() throws Exception {
        BusNode drums = new BusNode("drums", null, StripSettings.builder().faderDb(-3).build(), null,
                List.of(new SendSettings("fx", -6, false)));
        MixGraph graph = new MixGraph(RATE, List.of(stem("s", StripSettings.NEUTRAL, "drums")),
                List.of(group("fx", StripSettings.NEUTRAL, null), drums));
        assertGains(CaptureWriter.render(graph, 1), db(-3) + db(-3) * db(-6));
    }

    @Test
    void mutedStemsAndTheirSendsAreSilentAndSoloWins() throws Exception {
        BusNode fx = group("fx", StripSettings.NEUTRAL, null);
        SendSettings pre = new SendSettings("fx", 0, true);
        MixGraph muted = new MixGraph(RATE, List.of(stem("a", StripSettings.builder().mute(true).build(), null, pre),
                stem("b", StripSettings.builder().faderDb(-6).build(), null)), List.of(fx));
        assertGains(CaptureWriter.render(muted, 1), db(-6));
        MixGraph soloed = new MixGraph(RATE, List.of(stem("a", StripSettings.builder().solo(true).build(), null),
                stem("b", StripSettings.builder().faderDb(-6).build(), null, pre)), List.of(fx));
        assertGains(CaptureWriter.render(soloed, 1), 1);
        MixGraph mutedBus = new MixGraph(RATE, List.of(stem("a", StripSettings.NEUTRAL, "fx"),
                stem("b", StripSettings.builder().faderDb(-6).build(), null)),
                List.of(group("fx", StripSettings.builder().mute(true).build(), null)));
        assertGains(CaptureWriter.render(mutedBus, 1), db(-6));
    }

    @Test
    void mutedStemsStillSetTheSongsLength() throws Exception {
        double[] shortStem = Signals.noise(1000, 0.5, 3);
        StemNode muted = new StemNode("long", ArrayReader.source(RATE, Signals.noise(70_000, 0.5, 4)),
                StripSettings.builder().mute(true).build(), null, List.of());
        StemNode heard = new StemNode("short", ArrayReader.source(RATE, shortStem), StripSettings.NEUTRAL, null, List.of());
        CaptureWriter out = CaptureWriter.render(new MixGraph(RATE, List.of(heard, muted), List.of()), 2);
        assertEquals(70_000, out.left().length);
    }

    @Test
    void delayTapsLandExactlyWhereSet() throws Exception {
        int at = 1000;
        double[] click = Signals.impulse(RATE, at, 1.0);
        StemNode stem = new StemNode("click", ArrayReader.source(RATE, click, click.clone()), StripSettings.NEUTRAL,
                null, List.of(new SendSettings("echo", -6, false)));
        BusNode echo = new BusNode("echo", new BusEffect.DelayEffect(new StereoDelay.Settings(250, 0.5, 0, false)),
                StripSettings.NEUTRAL, null, List.of());
        MixGraph graph = new MixGraph(RATE, List.of(stem), List.of(echo));
        CaptureWriter out = CaptureWriter.render(graph, 1);
        int delay = 12_000;
        assertEquals(RATE + graph.tailFrames(), out.left().length, "stems plus the tail");
        assertEquals(21 * 0.25, graph.tailFrames() / (double) RATE, 1e-9, "21 echoes reach -120 dB");
        double[] left = out.left();
        for (int i = 0; i < left.length; i++) {
            double expected = i == at ? 1.0 : 0.0;
            if (i > at && (i - at) % delay == 0) {
                expected = db(-6) * Math.pow(0.5, (i - at) / delay - 1);
            }
            assertEquals(expected, left[i], 1e-15, "sample " + i);
        }
    }

    @Test
    void pingPongEchoesAlternateSides() throws Exception {
        int at = 500;
        double[] click = Signals.impulse(RATE, at, 1.0);
        StemNode stem = new StemNode("click", ArrayReader.source(RATE, click, click.clone()),
                StripSettings.builder().mute(false).faderDb(-120).build(), null, List.of(new SendSettings("pp", 0, true)));
        BusNode pp = new BusNode("pp", new BusEffect.DelayEffect(new StereoDelay.Settings(100, 0.5, 0, true)),
                StripSettings.NEUTRAL, null, List.of());
        CaptureWriter out = CaptureWriter.render(new MixGraph(RATE, List.of(stem), List.of(pp)), 1);
        int delay = 4800;
        for (int k = 1; k <= 6; k++) {
            double gain = Math.pow(0.5, k - 1);
            boolean left = k % 2 == 1;
            assertEquals(left ? gain : 0, out.left()[at + k * delay], 1e-15, "echo " + k + " left");
            assertEquals(left ? 0 : gain, out.right()[at + k * delay], 1e-15, "echo " + k + " right");
        }
    }

    @Test
    void unusedEffectBusesAddNoTail() {
        BusNode echo = new BusNode("echo", new BusEffect.DelayEffect(new StereoDelay.Settings(250, 0.5, 0, false)),
                StripSettings.NEUTRAL, null, List.of());
        MixGraph graph = new MixGraph(RATE, List.of(stem("s", StripSettings.NEUTRAL, null)), List.of(echo));
        assertEquals(0, graph.tailFrames());
        assertTrue(!graph.isFed(0), "a bus nothing feeds is not processed");
    }

    @Test
    void routingMistakesAreRejected() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> new MixGraph(RATE,
                List.of(stem("kick", StripSettings.NEUTRAL, "drums")), List.of()));
        assertEquals("stem kick feeds an unknown bus \"drums\"", unknown.getMessage());
        IllegalArgumentException cycle = assertThrows(IllegalArgumentException.class, () -> new MixGraph(RATE, List.of(),
                List.of(group("a", StripSettings.NEUTRAL, "b"), group("b", StripSettings.NEUTRAL, "a"))));
        assertEquals("the buses feed each other in a cycle", cycle.getMessage());
        IllegalArgumentException self = assertThrows(IllegalArgumentException.class, () -> new MixGraph(RATE, List.of(),
                List.of(group("a", StripSettings.NEUTRAL, "a"))));
        assertEquals("bus a feeds itself", self.getMessage());
    }
}
