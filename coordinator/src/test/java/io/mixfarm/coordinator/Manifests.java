package io.mixfarm.coordinator;

import java.util.List;

/** Manifests for tests: songs with one or more S3 stems each. */
public final class Manifests {

    private Manifests() {
    }

    /** A session of songs; {@code stems.get(i)} are song i's stem URIs. */
    public static String yaml(String id, boolean albumMode, String output, List<List<String>> stems) {
        StringBuilder y = new StringBuilder();
        y.append("apiVersion: mixfarm/v1\nkind: Session\n");
        y.append("id: ").append(id).append('\n');
        y.append("title: Test Album\nartist: Test Artist\nsampleRate: 48000\n");
        y.append("output: ").append(output).append('\n');
        y.append("mastering:\n  preset: streaming\n  albumMode: ").append(albumMode).append('\n');
        y.append("songs:\n");
        for (int i = 0; i < stems.size(); i++) {
            y.append("  - id: song-").append(i + 1).append('\n');
            y.append("    title: Song ").append(i + 1).append('\n');
            y.append("    stems:\n");
            for (int j = 0; j < stems.get(i).size(); j++) {
                y.append("      - id: stem-").append(j + 1).append('\n');
                y.append("        uri: ").append(stems.get(i).get(j)).append('\n');
            }
        }
        return y.toString();
    }
}
