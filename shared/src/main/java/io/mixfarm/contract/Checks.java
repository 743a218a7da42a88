package io.mixfarm.contract;

/** Field checks shared by the message records; messages name the record and the field. */
final class Checks {

    private Checks() {
    }

    static <T> T required(T value, String where) {
        if (value == null) {
            throw new IllegalArgumentException(where + " is missing");
        }
        return value;
    }

    static String text(String value, String where) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(where + " is missing or empty");
        }
        return value;
    }

    static int positive(int value, String where) {
        if (value < 1) {
            throw new IllegalArgumentException(where + " is " + value + "; it counts from 1");
        }
        return value;
    }

    static void version(int v, String record) {
        if (v < 1) {
            throw new IllegalArgumentException(record + ".v is " + v + "; schema versions count from 1");
        }
    }
}
