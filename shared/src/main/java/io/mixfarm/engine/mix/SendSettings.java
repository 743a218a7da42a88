package io.mixfarm.engine.mix;

/**
 * A feed from a stem or bus to a bus, in addition to its main output.
 *
 * @param bus      id of the bus fed
 * @param levelDb  send level, dB
 * @param preFader tap before the fader (and its automation) instead of after it
 */
public record SendSettings(String bus, double levelDb, boolean preFader) {

    public SendSettings {
        if (bus == null) {
            throw new IllegalArgumentException("a send needs a bus");
        }
        if (!Double.isFinite(levelDb)) {
            throw new IllegalArgumentException("send level must be finite, was " + levelDb);
        }
    }
}
