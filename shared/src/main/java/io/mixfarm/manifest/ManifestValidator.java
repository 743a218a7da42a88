package io.mixfarm.manifest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks that a session makes sense and reports every problem at once: required fields, the
 * range of every number (out of range is an error, never clamped), ids, ISRCs, locations, bus
 * routing (missing buses, cycles), automation order and mastering. Works on parsed and on
 * programmatically built sessions alike.
 */
public final class ManifestValidator {

    public static final int MIN_SAMPLE_RATE = 8000;
    public static final int MAX_SAMPLE_RATE = 384_000;
    // Absolute sanity bound; the coordinator enforces its own, configurable, smaller limit.
    public static final int MAX_SONGS = 100_000;
    public static final int MAX_STEMS = 1000;
    static final int MAX_BUSES = 256;
    static final int MAX_TEXT_CHARS = 512;

    /** CC-XXX-YY-NNNNN: country, registrant, year, designation; dashes all or none. */
    private static final Pattern ISRC = Pattern.compile(
            "[A-Z]{2}[A-Z0-9]{3}[0-9]{7}|[A-Z]{2}-[A-Z0-9]{3}-[0-9]{2}-[0-9]{5}");

    private final Problems problems = new Problems();
    private final Session session;
    private final ProcessorRules processors;
    private final StripRules strips;

    private ManifestValidator(Session session) {
        this.session = session;
        this.processors = new ProcessorRules(problems, validRate(session.sampleRate()));
        this.strips = new StripRules(processors);
    }

    /** Every problem with the session, in document order; empty when it is valid. */
    public static List<ManifestProblem> validate(Session session) {
        ManifestValidator validator = new ManifestValidator(session);
        validator.run();
        return validator.problems.toList();
    }

    /** Throws {@link ManifestException} listing every problem, unless the session is valid. */
    public static Session requireValid(Session session, String sourceName) {
        List<ManifestProblem> problems = validate(session);
        if (!problems.isEmpty()) {
            throw new ManifestException(sourceName, problems);
        }
        return session;
    }

    private void run() {
        RequiredFields.check(session, "", problems);
        header();
        Routing routing = new Routing(session.buses(), problems);
        if (session.buses().size() > MAX_BUSES) {
            problems.add("buses", session.buses().size() + " buses; at most " + MAX_BUSES);
        } else {
            new BusRules(processors, strips).check(session.buses());
            routing.buses();
        }
        MasteringRules mastering = new MasteringRules(processors, session.sampleRate());
        mastering.album(session.mastering());
        songs(routing, mastering);
    }

    private void header() {
        if (session.apiVersion() != null && !Session.API_VERSION.equals(session.apiVersion())) {
            problems.add("apiVersion", "\"" + session.apiVersion() + "\" is not supported (expected "
                    + Session.API_VERSION + ")");
        }
        if (session.kind() != null && !Session.KIND.equals(session.kind())) {
            problems.add("kind", "\"" + session.kind() + "\" is not " + Session.KIND);
        }
        Ids.check("id", session.id(), problems);
        problems.range("sampleRate", session.sampleRate(), MIN_SAMPLE_RATE, MAX_SAMPLE_RATE, " Hz");
        if (session.output() != null) {
            Locations.checkDirectory("output", session.output(), problems);
        }
    }

    private void songs(Routing routing, MasteringRules mastering) {
        List<Song> songs = session.songs();
        if (songs == null) {
            return;
        }
        if (songs.isEmpty()) {
            problems.add("songs", "a session needs at least one song");
        } else if (songs.size() > MAX_SONGS) {
            problems.add("songs", songs.size() + " songs; at most " + MAX_SONGS);
            return;
        }
        Ids.checkAll("songs", songs, Song::id, problems);
        Map<String, Integer> isrcs = new HashMap<>();
        for (int i = 0; i < songs.size(); i++) {
            String path = PathNames.index("songs", i);
            Song song = songs.get(i);
            isrc(path + ".isrc", song.isrc(), i, isrcs);
            mastering.song(path, song.mastering(), session.mastering());
            if (song.hasSource()) {
                source(path, song);
            } else if (song.stems() == null) {
                problems.add(path, "a song needs stems or a finished source");
            } else {
                stems(path, song.stems(), routing);
            }
            text(path + ".artist", song.artist());
            text(path + ".album", song.album());
            if (song.deliverTo() != null) {
                Locations.checkDeliverTo(path + ".deliverTo", song.deliverTo(), problems);
            }
        }
    }

    private void text(String path, String text) {
        if (text != null && (text.isBlank() || text.length() > MAX_TEXT_CHARS)) {
            problems.add(path, "is " + (text.isBlank() ? "blank" : text.length() + " characters long; at most "
                    + MAX_TEXT_CHARS));
        }
    }

    /** A finished source replaces the stems: it is mastered (or measured) as it is. */
    private void source(String songPath, Song song) {
        if (!song.stems().isEmpty()) {
            problems.add(songPath + ".source", "a song names either stems or a source, not both");
        }
        Locations.checkFile(songPath + ".source", song.source(), problems);
    }

    private void isrc(String path, String isrc, int song, Map<String, Integer> seen) {
        if (isrc == null) {
            return;
        }
        if (!ISRC.matcher(isrc).matches()) {
            problems.add(path, "\"" + isrc + "\" is not an ISRC (expected CC-XXX-YY-NNNNN, e.g. GB-A1B-24-00001; "
                    + "dashes optional)");
            return;
        }
        Integer earlier = seen.putIfAbsent(isrc.replace("-", ""), song);
        if (earlier != null) {
            problems.add(path, "\"" + isrc + "\" is also the ISRC of " + PathNames.index("songs", earlier));
        }
    }

    private void stems(String songPath, List<Stem> stems, Routing routing) {
        if (stems == null) {
            return;
        }
        String path = songPath + ".stems";
        if (stems.isEmpty()) {
            problems.add(path, "a song needs at least one stem");
        } else if (stems.size() > MAX_STEMS) {
            problems.add(path, stems.size() + " stems; at most " + MAX_STEMS);
            return;
        }
        Ids.checkAll(path, stems, Stem::id, problems);
        for (int i = 0; i < stems.size(); i++) {
            String at = PathNames.index(path, i);
            Stem stem = stems.get(i);
            if (stem.uri() != null) {
                Locations.checkFile(at + ".uri", stem.uri(), problems);
            }
            strips.check(at + ".strip", stem.strip(), false);
            routing.stem(at, stem);
        }
    }

    private static Integer validRate(Integer rate) {
        return rate != null && rate >= MIN_SAMPLE_RATE && rate <= MAX_SAMPLE_RATE ? rate : null;
    }
}
