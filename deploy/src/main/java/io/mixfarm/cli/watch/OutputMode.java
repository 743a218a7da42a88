package io.mixfarm.cli.watch;

import java.util.Locale;

/** Whether to draw live bars or print plain lines (logs, pipes, CI, dumb terminals). */
public final class OutputMode {

    private OutputMode() {
    }

    /**
     * Bars only on an interactive terminal that can move the cursor: a console, a {@code TERM}
     * that is set and not {@code dumb}, and no {@code --plain}.
     */
    public static boolean bars(boolean plainAsked, boolean hasConsole, String term) {
        return !plainAsked && hasConsole && term != null && !term.isBlank()
                && !"dumb".equals(term.trim().toLowerCase(Locale.ROOT));
    }

    /** {@link #bars} for this process. */
    public static boolean bars(boolean plainAsked) {
        return bars(plainAsked, System.console() != null, System.getenv("TERM"));
    }
}
