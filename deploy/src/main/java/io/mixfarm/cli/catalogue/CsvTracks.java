package io.mixfarm.cli.catalogue;

import io.mixfarm.contract.S3Uri;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Tracks from a CSV file, read a line at a time. The first line is a header naming the columns
 * ({@code uri} — also {@code source} — and optionally {@code song_id}, {@code title},
 * {@code artist}, {@code isrc}, {@code album}; case, spaces and underscores ignored; other
 * columns are skipped) unless its first field is already an {@code s3://} URI, in which case
 * every line is just a URI. Fields follow RFC 4180 (quotes, doubled quotes) on one line each;
 * blank lines are skipped, empty fields mean "not given".
 */
final class CsvTracks implements Iterator<Track>, Closeable {

    private static final List<String> COLUMNS = List.of("uri", "songid", "title", "artist", "isrc", "album");

    private final BufferedReader reader;
    private final String name;
    private final Map<String, Integer> columns = new HashMap<>();
    private int lineNumber;
    private Track next;

    CsvTracks(BufferedReader reader, String name) throws IOException {
        this.reader = reader;
        this.name = name;
        String header = nextLine();
        if (header == null) {
            return;
        }
        List<String> fields = fields(header);
        if (fields.get(0).trim().startsWith(S3Uri.SCHEME)) {
            columns.put("uri", 0);
            next = track(fields);
            return;
        }
        for (int i = 0; i < fields.size(); i++) {
            String column = fields.get(i).toLowerCase(Locale.ROOT).replaceAll("[\\s_-]", "");
            column = column.equals("source") || column.equals("url") ? "uri" : column.equals("id") ? "songid" : column;
            if (COLUMNS.contains(column)) {
                columns.putIfAbsent(column, i);
            }
        }
        if (!columns.containsKey("uri")) {
            throw new IllegalArgumentException(name + ": the header has no uri column (columns: uri, song_id, title, "
                    + "artist, isrc, album)");
        }
    }

    @Override
    public boolean hasNext() {
        try {
            String line;
            while (next == null && (line = nextLine()) != null) {
                if (!line.isBlank()) {
                    next = track(fields(line));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return next != null;
    }

    @Override
    public Track next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Track track = next;
        next = null;
        return track;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }

    private String nextLine() throws IOException {
        lineNumber++;
        return reader.readLine();
    }

    private Track track(List<String> fields) {
        String uri = field(fields, "uri");
        S3Uri location;
        try {
            location = S3Uri.parseObject(uri == null ? "" : uri);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " line " + lineNumber + ": " + e.getMessage(), e);
        }
        return new Track(location, location.key(), field(fields, "songid"), field(fields, "title"),
                field(fields, "artist"), field(fields, "isrc"), field(fields, "album"));
    }

    private String field(List<String> fields, String column) {
        Integer index = columns.get(column);
        if (index == null || index >= fields.size()) {
            return null;
        }
        String value = fields.get(index).trim();
        return value.isEmpty() ? null : value;
    }

    /** One line's fields (RFC 4180 quoting within the line). */
    static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
