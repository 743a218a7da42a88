package io.mixfarm.manifest;

import java.util.regex.Pattern;

/**
 * Syntax of the places a manifest names: stem files ({@code s3://bucket/key} or a path relative
 * to the manifest) and the output location ({@code s3://bucket/prefix/} or a relative directory).
 */
final class Locations {

    static final String S3 = "s3://";

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:.*", Pattern.DOTALL);
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private Locations() {
    }

    static boolean isS3(String location) {
        return location.startsWith(S3);
    }

    /** Most characters of a song's deliverTo: S3 keys hold 1024 bytes, and the output prefix needs room. */
    static final int MAX_DELIVER_TO_CHARS = 800;

    /**
     * Checks a song's deliverTo: an {@code s3://bucket/key} location, or a relative key; either
     * without extension, directories separated by '/', no empty, '.' or '..' segment.
     */
    static void checkDeliverTo(String path, String name, Problems problems) {
        String shown = "\"" + name + "\"";
        if (isS3(name)) {
            int before = problems.toList().size();
            checkS3(path, name, true, problems);
            if (problems.toList().size() > before) {
                return;
            }
            name = name.substring(name.indexOf('/', S3.length()) + 1);
        }
        if (name.isBlank()) {
            problems.add(path, "is empty");
        } else if (name.length() > MAX_DELIVER_TO_CHARS) {
            problems.add(path, name.length() + " characters; at most " + MAX_DELIVER_TO_CHARS);
        } else if (CONTROL.matcher(name).find()) {
            problems.add(path, shown + " contains control characters");
        } else if (SCHEME.matcher(name).matches()) {
            problems.add(path, shown + " is not an s3:// location or a relative key");
        } else if (name.contains("\\")) {
            problems.add(path, shown + " contains '\\'; separate directories with '/'");
        } else {
            for (String segment : name.split("/", -1)) {
                if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                    problems.add(path, shown + " has an empty, '.' or '..' segment; give a relative key like "
                            + "\"artist/album/01 song\"");
                    return;
                }
            }
        }
    }

    /** Checks a stem location; an S3 one needs an object key. */
    static void checkFile(String path, String location, Problems problems) {
        check(path, location, true, problems);
    }

    /** Checks an output location; an S3 one may be a bare bucket. */
    static void checkDirectory(String path, String location, Problems problems) {
        check(path, location, false, problems);
    }

    private static void check(String path, String location, boolean needsKey, Problems problems) {
        String shown = "\"" + location + "\"";
        if (location.isBlank()) {
            problems.add(path, "is empty");
        } else if (CONTROL.matcher(location).find()) {
            problems.add(path, shown + " contains control characters");
        } else if (isS3(location)) {
            checkS3(path, location, needsKey, problems);
        } else if (SCHEME.matcher(location).matches()) {
            problems.add(path, shown + " is not an s3:// URI or a relative path");
        } else if (location.contains("\\")) {
            problems.add(path, shown + " contains '\\'; separate directories with '/'");
        } else if (location.startsWith("/")) {
            problems.add(path, shown + " is an absolute path; give a path relative to the manifest or an s3:// URI");
        }
    }

    private static void checkS3(String path, String location, boolean needsKey, Problems problems) {
        String rest = location.substring(S3.length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String key = slash < 0 ? "" : rest.substring(slash + 1);
        if (!BUCKET.matcher(bucket).matches() || bucket.contains("..")) {
            problems.add(path, "\"" + location + "\": \"" + bucket + "\" is not a valid S3 bucket name");
        } else if (SafeKeys.problem(key).isPresent()) {
            problems.add(path, "\"" + location + "\": " + SafeKeys.problem(key).get());
        } else if (needsKey && (key.isEmpty() || key.endsWith("/"))) {
            problems.add(path, "\"" + location + "\" names no object (expected s3://bucket/key)");
        }
    }
}
