package io.mixfarm.manifest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A feedback delay (the effect of a {@code delay} bus). The time is either {@code timeMs} or a
 * note value ({@code "1/4"}, {@code "1/8."} dotted, {@code "1/8t"} triplet) at {@code tempoBpm}
 * quarter notes per minute.
 *
 * @param feedback  fraction of the output fed back, 0 to below 1
 * @param highCutHz low-pass in the feedback path; null for none
 * @param pingPong  alternate repeats between left and right
 */
public record Delay(
        Double timeMs,
        String note,
        Double tempoBpm,
        Double feedback,
        Double highCutHz,
        Boolean pingPong) {

    private static final Pattern NOTE = Pattern.compile("1/(1|2|4|8|16|32|64)([.t]?)");

    public Delay {
        feedback = feedback == null ? 0.3 : feedback;
        pingPong = pingPong == null ? Boolean.FALSE : pingPong;
    }

    /**
     * Length of a note value in whole notes ({@code "1/8."} is 3/16), or NaN when the text is
     * not a note value.
     */
    public static double wholeNotes(String note) {
        Matcher m = NOTE.matcher(note);
        if (!m.matches()) {
            return Double.NaN;
        }
        double length = 1.0 / Integer.parseInt(m.group(1));
        return switch (m.group(2)) {
            case "." -> length * 1.5;
            case "t" -> length * 2.0 / 3.0;
            default -> length;
        };
    }

    /** The delay time in milliseconds, from {@code timeMs} or from the note and tempo (valid delays only). */
    public double delayMs() {
        if (timeMs != null) {
            return timeMs;
        }
        double quarterNoteMs = 60_000.0 / tempoBpm;
        return wholeNotes(note) * 4.0 * quarterNoteMs;
    }
}
