package io.mixfarm.manifest;

import java.util.regex.Pattern;

/** Builds problem paths: {@code songs[3].stems[2].eq[0].freqHz}. */
final class PathNames {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private PathNames() {
    }

    static String field(String parent, String name) {
        if (!PLAIN.matcher(name).matches()) {
            // Field names from the document may hold anything: quote them so the path stays readable.
            String quoted = "[\"" + name.replace("\"", "\\\"") + "\"]";
            return parent + quoted;
        }
        return parent.isEmpty() ? name : parent + "." + name;
    }

    static String index(String parent, int i) {
        return parent + "[" + i + "]";
    }
}
