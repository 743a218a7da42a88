package io.mixfarm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mixfarm.cli.demo.ExampleAlbum;
import io.mixfarm.cli.standalone.StandaloneFarm;
import io.mixfarm.engine.analysis.LoudnessAnalyzer;
import io.mixfarm.engine.audio.AudioFiles;
import io.mixfarm.engine.audio.AudioWriter;
import io.mixfarm.engine.audio.Container;
import io.mixfarm.engine.audio.SampleFormat;
import io.mixfarm.engine.audio.WriteSpec;
import io.mixfarm.engine.loudness.GatingBlocks;
import io.mixfarm.engine.loudness.Loudness;
import io.mixfarm.engine.mix.MixRenderer;
import io.mixfarm.manifest.ManifestLoader;
import io.mixfarm.manifest.Session;
import io.mixfarm.render.LocalMixdown;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code farm relevel} and {@code farm analyze} against a real standalone farm in this JVM (Kafka
 * broker, S3Proxy, coordinator, two workers) on a small synthesized catalogue of finished files:
 * WAV and FLAC, 44.1 and 48 kHz, quiet and hot, in two album folders, with a non-audio object the
 * listing must skip. ffmpeg's ebur128 filter is the independent oracle.
 */
@Timeout(300)
class CatalogueFarmTest {

    private static final String BUCKET = StandaloneFarm.STEMS_BUCKET;
    private static final String PREFIX = "catalogue/";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path farmDir;
    @TempDir
    static Path sources;

    private static StandaloneFarm farm;
    /** Source files by their key below the prefix. */
    private static final Map<String, Path> TRACKS = new LinkedHashMap<>();

    @BeforeAll
    static void startFarmAndUploadTheCatalogue() throws Exception {
        farm = StandaloneFarm.start(new StandaloneFarm.Options(2, farmDir, 0, "127.0.0.1", 1));
        track("Artist A/Album One/01 Quiet.wav", Container.WAV, 44_100, SampleFormat.PCM_24, 0.08, 0.0, 1);
        track("Artist A/Album One/02 Hot.flac", Container.FLAC, 44_100, SampleFormat.PCM_16, 0.9, 0.0, 2);
        track("Artist B/Album Two/01 Mid.wav", Container.WAV, 48_000, SampleFormat.PCM_24, 0.2, 0.6, 3);
        try (S3Client s3 = farm.s3Client()) {
            for (Map.Entry<String, Path> t : TRACKS.entrySet()) {
                s3.putObject(b -> b.bucket(BUCKET).key(PREFIX + t.getKey()), t.getValue());
            }
            s3.putObject(b -> b.bucket(BUCKET).key(PREFIX + "notes.txt"), RequestBody.fromString("not audio"));
        }
    }

    @AfterAll
    static void stopFarm() {
        if (farm != null) {
            farm.close();
        }
    }

    @Test
    void relevelMastersEveryTrackToTheStreamingTargetAtItsMirroredKey() throws Exception {
        String printed = run("relevel", "s3://" + BUCKET + "/" + PREFIX, "--preset", "streaming",
                "--output", "s3://masters/relevel/", "--page-size", "2", "--wait");
        assertEquals(2, sessionIds(printed).size(), "three tracks in pages of two: " + printed);
        try (S3Client s3 = farm.s3Client()) {
            for (String key : TRACKS.keySet()) {
                String mirrored = "relevel/" + key.substring(0, key.lastIndexOf('.')) + ".wav";
                Path local = download(s3, "masters", mirrored);
                Oracles.Ebur128 measured = Oracles.ebur128(local);
                System.out.println("re-levelled " + key + ": ffmpeg " + measured);
                assertEquals(-14.0, measured.integratedLufs(), 0.1, key + " re-levelled: " + measured);
                assertTrue(measured.truePeakDbtp() <= -1.0, key + " under the ceiling: " + measured);
                assertEquals(44_100, AudioFiles.open(local).info().sampleRate(), "the --sample-rate default");
            }
        }
    }

    @Test
    void relevelByFolderMastersEachAlbumWithOneGainOnTarget() throws Exception {
        String printed = run("relevel", "s3://" + BUCKET + "/" + PREFIX, "--output", "s3://masters/albums/",
                "--album-by", "folder", "--format", "flac", "--bit-depth", "16", "--wait");
        assertEquals(2, sessionIds(printed).size(), "one session per album folder: " + printed);
        List<GatingBlocks> albumOne = new ArrayList<>();
        try (S3Client s3 = farm.s3Client()) {
            for (String key : TRACKS.keySet()) {
                Path local = download(s3, "masters", "albums/" + key.substring(0, key.lastIndexOf('.')) + ".flac");
                Oracles.Ebur128 measured = Oracles.ebur128(local);
                System.out.println("album-mode " + key + ": ffmpeg " + measured);
                assertTrue(measured.truePeakDbtp() <= -1.0, key + " under the ceiling: " + measured);
                // Album Two's one song is clicky: album mode lands it where the ANALYZE limiter-loss
                // prediction says (about 0.5 LU short here), so only its ceiling is asserted.
                if (key.startsWith("Artist A/")) {
                    albumOne.add(LoudnessAnalyzer.measure(local).gatingBlocks());
                }
            }
            // album mode kept the quiet and the hot song apart by their original difference
            System.out.println("album-mode Album One pooled: " + Loudness.albumIntegratedLufs(albumOne));
            assertEquals(-14.0, Loudness.albumIntegratedLufs(albumOne), 0.1, "Album One pooled");
            String report = new String(s3.getObjectAsBytes(b -> b.bucket("masters")
                    .key("albums/.mixfarm/relevel-00001/album-report.json")).asByteArray(), StandardCharsets.UTF_8);
            assertTrue(JSON.readTree(report).path("albumMode").asBoolean(), report);
        }
    }

    @Test
    void analyzeMeasuresEachTrackAndAlbumAndWritesCsvAndJson() throws Exception {
        String printed = run("analyze", "s3://" + BUCKET + "/" + PREFIX, "--output", "s3://masters/analysis/",
                "--album-by", "folder", "--wait");
        assertTrue(printed.contains("Analysed 3 songs: 3 measured, 0 failed"), printed);
        JsonNode report;
        List<Map<String, String>> rows;
        try (S3Client s3 = farm.s3Client()) {
            report = JSON.readTree(download(s3, "masters", "analysis/analysis.json").toFile());
            rows = csv(Files.readString(download(s3, "masters", "analysis/analysis.csv")));
        }
        assertEquals(3, rows.size(), rows.toString());
        assertEquals(3, report.path("songs").size());
        Map<String, List<GatingBlocks>> albums = new LinkedHashMap<>();
        Map<String, Double> albumPeaks = new LinkedHashMap<>();
        int i = 0;
        for (Map.Entry<String, Path> t : TRACKS.entrySet()) {
            Map<String, String> row = rows.get(i);
            JsonNode song = report.path("songs").get(i++);
            String where = t.getKey() + ": " + row;
            assertEquals("s3://" + BUCKET + "/" + PREFIX + t.getKey(), row.get("source"), where);
            assertEquals("COMPLETED", row.get("state"), where);
            Oracles.Ebur128Full oracle = Oracles.ebur128Full(t.getValue());
            System.out.println("analysed " + t.getKey() + ": farm " + row + "; ffmpeg " + oracle);
            double integrated = Double.parseDouble(row.get("integrated_lufs"));
            assertEquals(oracle.integratedLufs(), integrated, 0.1, where + " vs " + oracle);
            assertEquals(oracle.truePeakDbtp(), Double.parseDouble(row.get("true_peak_dbtp")), 0.3, where);
            assertEquals(oracle.samplePeakDbfs(), Double.parseDouble(row.get("sample_peak_dbfs")), 0.1, where);
            assertEquals(oracle.loudnessRangeLu(), Double.parseDouble(row.get("loudness_range_lu")), 1.0, where);
            assertEquals(-18.0 - integrated, Double.parseDouble(row.get("track_gain_db")), 0.011, where);
            assertEquals(song.path("integratedLufs").asDouble(), integrated, 0.005, "CSV and JSON agree: " + song);
            String album = t.getKey().substring(0, t.getKey().lastIndexOf('/') + 1);
            assertEquals(album, row.get("album"), where);
            albums.computeIfAbsent(album, k -> new ArrayList<>()).add(LoudnessAnalyzer.measure(t.getValue()).gatingBlocks());
            albumPeaks.merge(album, oracle.truePeakDbtp(), Math::max);
        }
        assertEquals(2, report.path("albums").size(), report.path("albums").toString());
        for (JsonNode album : report.path("albums")) {
            String name = album.path("album").asText();
            double pooled = Loudness.albumIntegratedLufs(albums.get(name));
            assertEquals(pooled, album.path("integratedLufs").asDouble(), 0.01, name + ": " + album);
            assertEquals(-18.0 - pooled, album.path("replayGain").path("albumGainDb").asDouble(), 0.01, name);
            assertEquals(Math.pow(10, albumPeaks.get(name) / 20), album.path("replayGain").path("albumPeak").asDouble(),
                    Math.pow(10, albumPeaks.get(name) / 20) * 0.04, name + ": album peak, true peak as an amplitude");
            for (Map<String, String> row : rows) {
                if (row.get("album").equals(name)) {
                    assertEquals(-18.0 - pooled, Double.parseDouble(row.get("album_gain_db")), 0.011, row.toString());
                }
            }
        }
    }

    @Test
    void analyzeReadsACsvWithPerTrackMetadata(@TempDir Path dir) throws Exception {
        Path csv = dir.resolve("tracks.csv");
        Files.writeString(csv, """
                Title,URI,Artist,ISRC,Album
                "Quiet, at last",s3://%1$s/%2$sArtist A/Album One/01 Quiet.wav,Ann,GB-A1B-24-00001,Compilation
                Mid,s3://%1$s/%2$sArtist B/Album Two/01 Mid.wav,"Bo ""B"" Smith",,Compilation
                """.formatted(BUCKET, PREFIX));
        run("analyze", "--csv", csv.toString(), "--album-by", "album", "--output", "s3://masters/csv-analysis/",
                "--wait");
        List<Map<String, String>> rows;
        try (S3Client s3 = farm.s3Client()) {
            rows = csv(Files.readString(download(s3, "masters", "csv-analysis/analysis.csv")));
        }
        assertEquals(2, rows.size(), rows.toString());
        assertEquals(List.of("Quiet, at last", "Ann", "GB-A1B-24-00001", "Compilation"),
                List.of(rows.get(0).get("title"), rows.get(0).get("artist"), rows.get(0).get("isrc"), rows.get(0).get("album")));
        assertEquals("Bo \"B\" Smith", rows.get(1).get("artist"));
        assertEquals(rows.get(0).get("album_gain_db"), rows.get(1).get("album_gain_db"), "one album");
    }

    @Test
    void analyzeAManifestMeasuresTheMixOfItsStems(@TempDir Path dir) throws Exception {
        Path manifest = ExampleAlbum.write(dir, 2);
        String printed = run("analyze", manifest.toString(), "--output", "s3://masters/stem-analysis/", "--wait");
        Session session = ManifestLoader.load(manifest);
        JsonNode report;
        try (S3Client s3 = farm.s3Client()) {
            report = JSON.readTree(download(s3, "masters", "stem-analysis/analysis.json").toFile());
        }
        assertEquals(session.songs().size(), report.path("songs").size(), printed);
        // the farm measured the unmastered mix: the same mix rendered here measures the same
        LocalMixdown.SongMix mix;
        try (MixRenderer renderer = new MixRenderer(1)) {
            mix = new LocalMixdown(renderer).render(session, 0, manifest.getParent(), dir.resolve("mix"));
        }
        Oracles.Ebur128 oracle = Oracles.ebur128(mix.file());
        JsonNode first = report.path("songs").get(0);
        assertEquals(oracle.integratedLufs(), first.path("integratedLufs").asDouble(), 0.1, first.toString());
        assertEquals(oracle.truePeakDbtp(), first.path("truePeakDbtp").asDouble(), 0.3, first.toString());
    }

    /**
     * A finished track: tones and low-passed noise whose level steps every second, at
     * {@code amplitude}, with a click of {@code clicks} every quarter second (0: none) that the
     * re-levelling gain pushes over the ceiling.
     */
    private static void track(String key, Container container, int rate, SampleFormat format, double amplitude,
                              double clicks, long seed) throws Exception {
        Path file = sources.resolve(key.replace('/', '_'));
        Random random = new Random(seed);
        int frames = rate * 5;
        double[][] audio = new double[2][frames];
        double low = 0;
        for (int i = 0; i < frames; i++) {
            double section = (i / rate) % 2 == 0 ? 1.0 : 0.5;
            low += 0.2 * (random.nextGaussian() - low);
            double tone = Math.sin(2 * Math.PI * 220 * i / rate);
            audio[0][i] = amplitude * section * (0.6 * tone + 0.4 * Math.max(-1, Math.min(1, low)));
            audio[1][i] = amplitude * section * (0.6 * Math.sin(2 * Math.PI * 330 * i / rate) + 0.4 * low);
            audio[1][i] = Math.max(-0.99, Math.min(0.99, audio[1][i]));
            if (clicks > 0 && i % (rate / 4) == rate / 8) {
                audio[0][i] = clicks;
                audio[1][i] = -clicks;
            }
        }
        try (AudioWriter writer = AudioFiles.create(file, new WriteSpec(container, rate, 2, format))) {
            writer.write(audio, frames);
        }
        TRACKS.put(key, file);
    }

    private static Path download(S3Client s3, String bucket, String key) throws Exception {
        Path local = Files.createTempFile(farmDir, "download", key.substring(key.lastIndexOf('.')));
        Files.delete(local);
        s3.getObject(b -> b.bucket(bucket).key(key), local);
        return local;
    }

    /** A CSV with a header, as maps from column to field (the farm's writer quotes per RFC 4180). */
    private static List<Map<String, String>> csv(String text) {
        List<String> lines = text.lines().toList();
        List<String> header = fields(lines.get(0));
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> fields = fields(line);
            assertEquals(header.size(), fields.size(), line);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), fields.get(i));
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                field.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    private static List<String> sessionIds(String printed) {
        Matcher m = Pattern.compile("(?m)^(\\S+)  \\d+ songs").matcher(printed);
        List<String> ids = new ArrayList<>();
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    /** Runs the CLI against the farm, its output returned; asserts exit code 0. */
    private static String run(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        all.addAll(List.of("--coordinator", farm.coordinatorUrl().toString(), "--token", farm.apiToken(),
                "--s3-endpoint", farm.s3Endpoint().toString(), "--s3-region", farm.s3Region(),
                "--s3-access-key", farm.s3AccessKey(), "--s3-secret-key", farm.s3SecretKey()));
        PrintStream original = System.out;
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        System.setOut(new PrintStream(copy, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = FarmCli.run(all.toArray(String[]::new));
        } finally {
            System.setOut(original);
        }
        String printed = copy.toString(StandardCharsets.UTF_8);
        original.println(printed);
        assertEquals(0, code, printed);
        return printed;
    }
}
