package io.mixfarm.engine.master;

/** Named loudness targets: integrated loudness (LUFS) and true-peak ceiling (dBTP). */
public enum Preset {
    /** Spotify, YouTube, Tidal, Amazon: −14 LUFS, −1 dBTP. */
    STREAMING(-14.0, -1.0),
    /** Apple Music (Sound Check): −16 LUFS, −1 dBTP. */
    APPLE(-16.0, -1.0),
    /** EBU R128 broadcast: −23 LUFS, −1 dBTP. */
    BROADCAST(-23.0, -1.0),
    /** AES TD1008 music streaming recommendation: −16 LUFS, −1 dBTP. */
    AES_MUSIC(-16.0, -1.0);

    private final double targetLufs;
    private final double ceilingDbtp;

    Preset(double targetLufs, double ceilingDbtp) {
        this.targetLufs = targetLufs;
        this.ceilingDbtp = ceilingDbtp;
    }

    public double targetLufs() {
        return targetLufs;
    }

    public double ceilingDbtp() {
        return ceilingDbtp;
    }

    /** The preset named as in manifests and on the command line ({@code aes-music}, ...). */
    public static Preset byName(String name) {
        for (Preset p : values()) {
            if (p.cliName().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown preset '" + name + "'; known: streaming, apple, broadcast, aes-music");
    }

    /** Lower-case name with dashes, as written in manifests. */
    public String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
