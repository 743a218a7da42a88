package io.mixfarm.manifest;

/**
 * A feed from a stem or bus to another bus, in addition to its main output.
 *
 * @param levelDb  send level, dB
 * @param preFader true to tap the signal before the fader (and its automation) and mute
 */
public record Send(@Required String bus, Double levelDb, Boolean preFader) {

    public Send {
        levelDb = levelDb == null ? 0.0 : levelDb;
        preFader = preFader == null ? Boolean.FALSE : preFader;
    }
}
