package io.mixfarm.manifest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Ids name sessions, songs, stems and buses in storage keys and messages: short, and safe in
 * a path or URL without escaping. Ids of one kind are unique among their siblings.
 */
final class Ids {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private Ids() {
    }

    static void check(String path, String id, Problems problems) {
        if (id != null && !ID.matcher(id).matches()) {
            problems.add(path, "\"" + id + "\" is not a valid id (1 to 64 letters, digits, '.', '_' or '-', "
                    + "starting with a letter or digit)");
        }
    }

    /** Checks each item's id and reports repeats, naming the first holder. */
    static <T> void checkAll(String listPath, List<T> items, Function<T, String> idOf, Problems problems) {
        Map<String, Integer> first = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String path = PathNames.index(listPath, i) + ".id";
            String id = idOf.apply(items.get(i));
            check(path, id, problems);
            if (id == null) {
                continue;
            }
            Integer earlier = first.putIfAbsent(id, i);
            if (earlier != null) {
                problems.add(path, "\"" + id + "\" is also the id of " + PathNames.index(lastSegment(listPath), earlier));
            }
        }
    }

    private static String lastSegment(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }
}
