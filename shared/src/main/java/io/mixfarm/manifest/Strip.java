package io.mixfarm.manifest;

import java.util.List;

/**
 * A channel strip, in signal order: trim, polarity, high-pass, low-pass, EQ, compressor,
 * pan (mono sources) or balance and width (stereo sources), fader, mute.
 *
 * @param faderDb    static fader, dB; null when omitted (0 dB, or the automation when given)
 * @param automation fader breakpoints; when present they replace {@code faderDb}
 * @param solo       when any stem of a song is soloed, only soloed stems are heard
 */
public record Strip(
        Double trimDb,
        Boolean invertPolarity,
        Filter highPass,
        Filter lowPass,
        List<EqBand> eq,
        Compressor compressor,
        Double pan,
        Double balance,
        Double width,
        Double faderDb,
        List<AutomationPoint> automation,
        Boolean mute,
        Boolean solo) {

    /** A strip that leaves the signal unchanged. */
    public static final Strip NEUTRAL =
            new Strip(null, null, null, null, null, null, null, null, null, null, null, null, null);

    public Strip {
        trimDb = trimDb == null ? 0.0 : trimDb;
        invertPolarity = invertPolarity == null ? Boolean.FALSE : invertPolarity;
        eq = eq == null ? List.of() : List.copyOf(eq);
        pan = pan == null ? 0.0 : pan;
        balance = balance == null ? 0.0 : balance;
        width = width == null ? 1.0 : width;
        automation = automation == null ? List.of() : List.copyOf(automation);
        mute = mute == null ? Boolean.FALSE : mute;
        solo = solo == null ? Boolean.FALSE : solo;
    }

    /**
     * The fader level at a time: the static fader, or the automation interpolated linearly in
     * dB between breakpoints and held before the first and after the last.
     */
    public double faderDbAt(double timeSeconds) {
        if (automation.isEmpty()) {
            return faderDb == null ? 0.0 : faderDb;
        }
        AutomationPoint first = automation.get(0);
        if (timeSeconds <= first.timeSeconds()) {
            return first.faderDb();
        }
        for (int i = 1; i < automation.size(); i++) {
            AutomationPoint b = automation.get(i);
            if (timeSeconds < b.timeSeconds()) {
                AutomationPoint a = automation.get(i - 1);
                double t = (timeSeconds - a.timeSeconds()) / (b.timeSeconds() - a.timeSeconds());
                return a.faderDb() + t * (b.faderDb() - a.faderDb());
            }
        }
        return automation.get(automation.size() - 1).faderDb();
    }
}
