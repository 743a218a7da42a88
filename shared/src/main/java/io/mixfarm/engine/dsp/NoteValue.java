package io.mixfarm.engine.dsp;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A musical note length as a fraction of a whole note, parsed from "n/d" with an optional
 * modifier: "." dotted (×1.5), ".." double-dotted (×1.75), "t" triplet (×2/3).
 * Examples: "1/4" = 0.25, "1/8." = 0.1875, "1/8t" = 1/12.
 *
 * @param fraction length as a fraction of a whole note (&gt; 0)
 */
public record NoteValue(double fraction) {

    private static final Pattern SYNTAX = Pattern.compile("\\s*(\\d+)\\s*/\\s*(\\d+)\\s*(\\.{1,2}|[tT])?\\s*");

    public NoteValue {
        if (!(fraction > 0) || !Double.isFinite(fraction)) {
            throw new IllegalArgumentException("note fraction must be positive, was " + fraction);
        }
    }

    /** Parses a note value such as "1/4", "1/8.", "1/16t"; rejects anything else. */
    public static NoteValue parse(String text) {
        Matcher m = SYNTAX.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a note value (expected like 1/4, 1/8., 1/8t): '" + text + "'");
        }
        long num = Long.parseLong(m.group(1));
        long den = Long.parseLong(m.group(2));
        if (num == 0 || den == 0) {
            throw new IllegalArgumentException("note value needs non-zero numerator and denominator: '" + text + "'");
        }
        double f = (double) num / den;
        String mod = m.group(3);
        if (mod != null) {
            f *= switch (mod) {
                case "." -> 1.5;
                case ".." -> 1.75;
                default -> 2.0 / 3.0;
            };
        }
        return new NoteValue(f);
    }

    /** Duration in ms at {@code tempoBpm}, where one beat is a quarter note. */
    public double delayMs(double tempoBpm) {
        if (!(tempoBpm > 0) || !Double.isFinite(tempoBpm)) {
            throw new IllegalArgumentException("tempo must be positive, was " + tempoBpm);
        }
        return fraction * 4.0 * 60000.0 / tempoBpm;
    }
}
