package io.mixfarm.cli.catalogue;

import io.mixfarm.contract.S3Uri;

import java.util.Locale;
import java.util.Set;

/**
 * One finished track of a catalogue: where it is and what a CSV said about it.
 *
 * @param uri      the object
 * @param relative its key below the listed prefix (the whole key for a CSV row), mirrored under
 *                 the output
 * @param songId   the id to use, or null to derive one
 * @param title    or null: the file name
 * @param artist   or null: the session's
 * @param isrc     or null
 * @param album    or null: the folder when grouping by folder
 */
public record Track(S3Uri uri, String relative, String songId, String title, String artist, String isrc,
                    String album) {

    /** File name endings read as audio when listing a prefix. */
    static final Set<String> AUDIO_EXTENSIONS = Set.of("wav", "wave", "flac", "aif", "aiff", "aifc");

    /** A listed object with nothing but its location. */
    static Track listed(S3Uri uri, String relative) {
        return new Track(uri, relative, null, null, null, null, null);
    }

    static boolean isAudio(String key) {
        String name = key.substring(key.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 && AUDIO_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** The key's folder, with its trailing '/'; empty at the top. */
    public String folder() {
        int slash = relative.lastIndexOf('/');
        return slash < 0 ? "" : relative.substring(0, slash + 1);
    }

    /** The file name without its extension. */
    public String baseName() {
        String name = relative.substring(relative.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** The relative key without the file's extension: where its re-levelled file goes. */
    public String relativeWithoutExtension() {
        return folder() + baseName();
    }
}
