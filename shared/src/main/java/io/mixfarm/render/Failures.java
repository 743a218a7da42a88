package io.mixfarm.render;

import io.mixfarm.engine.error.MixfarmException;

import java.nio.file.NoSuchFileException;

/** One-line reasons for a song that failed, as reports and the CLI show them. */
public final class Failures {

    private Failures() {
    }

    /** The reason {@code e} stopped a song: its message for our own and argument errors, else its type too. */
    public static String reason(Exception e) {
        if (e instanceof NoSuchFileException n) {
            return "no such file: " + n.getFile();
        }
        if (e instanceof MixfarmException || e instanceof IllegalArgumentException) {
            return e.getMessage();
        }
        return e.getMessage() == null ? e.toString() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
