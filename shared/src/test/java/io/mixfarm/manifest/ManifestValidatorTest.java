package io.mixfarm.manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static io.mixfarm.manifest.TestManifests.oneStem;
import static io.mixfarm.manifest.TestManifests.problems;
import static io.mixfarm.manifest.TestManifests.session;
import static io.mixfarm.manifest.TestManifests.withBuses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManifestValidatorTest {

    private static final String BUSES = """
            buses:
              - {id: drums, type: group}
              - {id: plate, type: reverb}
            """;

    @Test
    void minimalSessionIsValid() {
        assertEquals(List.of(), problems(oneStem("")));
    }

    @Test
    void requiredFieldsAreReportedWithTheirPath() {
        String yaml = """
                apiVersion: mixfarm/v1
                kind: Session
                id: album
                artist: Artist
                output: masters/
                songs:
                  - id: song
                    stems:
                      - {id: kick, strip: {eq: [{type: bell, freqHz: 100}], compressor: {thresholdDb: -10}}}
                """;
        assertEquals(List.of(
                "title: is required",
                "sampleRate: is required",
                "songs[0].title: is required",
                "songs[0].stems[0].uri: is required",
                "songs[0].stems[0].strip.compressor.ratio: is required",
                "songs[0].stems[0].strip.eq[0].gainDb: is required for a bell band"), problems(yaml));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            strip: {eq: [{type: bell, freqHz: 0, gainDb: 1}]}          | songs[0].stems[0].strip.eq[0].freqHz: 0 is below 10 Hz
            strip: {eq: [{type: bell, freqHz: 25000, gainDb: 1}]}      | songs[0].stems[0].strip.eq[0].freqHz: 25000 is above 20000 Hz
            strip: {eq: [{type: bell, freqHz: 1000, gainDb: 30}]}      | songs[0].stems[0].strip.eq[0].gainDb: 30 is above 24 dB
            strip: {eq: [{type: lowShelf, freqHz: 100, gainDb: 1, q: 0.05}]} | songs[0].stems[0].strip.eq[0].q: 0.05 is below 0.1
            strip: {eq: [{type: notch, freqHz: 100, gainDb: -6}]}      | songs[0].stems[0].strip.eq[0].gainDb: a notch has no gain; leave gainDb out
            strip: {trimDb: -30}                                      | songs[0].stems[0].strip.trimDb: -30 is below -24 dB
            strip: {highPass: {freqHz: 5}}                            | songs[0].stems[0].strip.highPass.freqHz: 5 is below 10 Hz
            strip: {lowPass: {freqHz: 8000, slope: 18}}               | songs[0].stems[0].strip.lowPass.slope: 18 is not 12 or 24
            strip: {highPass: {freqHz: 500}, lowPass: {freqHz: 400}}  | songs[0].stems[0].strip.lowPass.freqHz: 400 Hz is not above highPass.freqHz (500 Hz)
            strip: {compressor: {thresholdDb: -10, ratio: 0.5}}       | songs[0].stems[0].strip.compressor.ratio: 0.5 is below 1
            strip: {compressor: {thresholdDb: 3, ratio: 2}}           | songs[0].stems[0].strip.compressor.thresholdDb: 3 is above 0 dB
            strip: {compressor: {thresholdDb: -10, ratio: 2, kneeDb: -1}} | songs[0].stems[0].strip.compressor.kneeDb: -1 is below 0 dB
            strip: {compressor: {thresholdDb: -10, ratio: 2, attackMs: 0}} | songs[0].stems[0].strip.compressor.attackMs: 0 is below 0.01 ms
            strip: {compressor: {thresholdDb: -10, ratio: 2, releaseMs: 9000}} | songs[0].stems[0].strip.compressor.releaseMs: 9000 is above 5000 ms
            strip: {compressor: {thresholdDb: -10, ratio: 2, makeupDb: 30}} | songs[0].stems[0].strip.compressor.makeupDb: 30 is above 24 dB
            strip: {pan: 1.5}                                         | songs[0].stems[0].strip.pan: 1.5 is above 1
            strip: {balance: -1.01}                                   | songs[0].stems[0].strip.balance: -1.01 is below -1
            strip: {width: 2.5}                                       | songs[0].stems[0].strip.width: 2.5 is above 2
            strip: {faderDb: 13}                                      | songs[0].stems[0].strip.faderDb: 13 is above 12 dB
            strip: {automation: [{timeSeconds: -1, faderDb: 0}]}      | songs[0].stems[0].strip.automation[0].timeSeconds: -1 is below 0 s
            strip: {automation: [{timeSeconds: 0, faderDb: -200}]}    | songs[0].stems[0].strip.automation[0].faderDb: -200 is below -120 dB
            """)
    void everyNumberIsRangeChecked(String stemFields, String expected) {
        assertEquals(List.of(expected), problems(oneStem(stemFields)));
    }

    @Test
    void frequenciesStayBelowNyquistAtLowSampleRates() {
        String yaml = oneStem("strip: {highPass: {freqHz: 5000}}").replace("sampleRate: 48000", "sampleRate: 8000");
        assertEquals(List.of("songs[0].stems[0].strip.highPass.freqHz: 5000 is above 3920 Hz (0.49 × sampleRate 8000)"),
                problems(yaml));
    }

    @Test
    void tooManyEqBands() {
        String band = "{type: bell, freqHz: 1000, gainDb: 1}";
        String bands = String.join(", ", java.util.Collections.nCopies(9, band));
        assertEquals(List.of("songs[0].stems[0].strip.eq: 9 bands; at most 8 are allowed"),
                problems(oneStem("strip: {eq: [" + bands + "]}")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            sampleRate: 1000   | sampleRate: 1000 is below 8000 Hz
            sampleRate: 400000 | sampleRate: 400000 is above 384000 Hz
            apiVersion: mixfarm/v2 | apiVersion: "mixfarm/v2" is not supported (expected mixfarm/v1)
            kind: Album        | kind: "Album" is not Session
            id: my album       | id: "my album" is not a valid id (1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit)
            output: /srv/masters | output: "/srv/masters" is an absolute path; give a path relative to the manifest or an s3:// URI
            output: s3://Masters_Bucket/x/ | output: "s3://Masters_Bucket/x/": "Masters_Bucket" is not a valid S3 bucket name
            """)
    void sessionHeader(String line, String expected) {
        String key = line.substring(0, line.indexOf(':') + 1);
        String yaml = oneStem("").replaceFirst("(?m)^" + key + ".*$", line);
        assertEquals(List.of(expected), problems(yaml));
    }

    @Test
    void s3OutputMayBeABareBucketOrPrefix() {
        for (String output : List.of("s3://masters", "s3://masters/", "s3://masters/night-drive/", "out")) {
            assertEquals(List.of(), problems(oneStem("").replace("output: masters/", "output: " + output)), output);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            http://example.com/kick.wav | songs[0].stems[0].uri: "http://example.com/kick.wav" is not an s3:// URI or a relative path
            /stems/kick.wav             | songs[0].stems[0].uri: "/stems/kick.wav" is an absolute path; give a path relative to the manifest or an s3:// URI
            s3://stems                  | songs[0].stems[0].uri: "s3://stems" names no object (expected s3://bucket/key)
            s3://stems/dir/             | songs[0].stems[0].uri: "s3://stems/dir/" names no object (expected s3://bucket/key)
            s3://a/kick.wav             | songs[0].stems[0].uri: "s3://a/kick.wav": "a" is not a valid S3 bucket name
            stems\\kick.wav             | songs[0].stems[0].uri: "stems\\kick.wav" contains '\\'; separate directories with '/'
            """)
    void stemUriSyntax(String uri, String expected) {
        String yaml = TestManifests.session("", "[{id: song, title: Song, stems: [{id: kick, uri: '" + uri + "'}]}]");
        assertEquals(List.of(expected), problems(yaml));
    }

    @Test
    void validUrisPass() {
        String yaml = TestManifests.session("", "[{id: song, title: Song, stems: ["
                + "{id: a, uri: s3://my-stems.eu/album/kick.wav}, {id: b, uri: ../shared/bass.flac}, {id: c, uri: 'kick drum.wav'}]}]");
        assertEquals(List.of(), problems(yaml));
    }

    @Test
    void duplicateIds() {
        String yaml = session(BUSES + "  - {id: drums, type: group}\n", """
                [{id: one, title: One, stems: [{id: kick, uri: k.wav}, {id: snare, uri: s.wav}, {id: kick, uri: k2.wav}]},
                 {id: one, title: Again, stems: [{id: kick, uri: k.wav}]}]""");
        assertEquals(List.of(
                "buses[2].id: \"drums\" is also the id of buses[0]",
                "songs[1].id: \"one\" is also the id of songs[0]",
                "songs[0].stems[2].id: \"kick\" is also the id of stems[0]"), problems(yaml));
    }

    @Test
    void emptySongsAndStems() {
        assertEquals(List.of("songs: a session needs at least one song"), problems(session("", "[]")));
        assertEquals(List.of("songs[0].stems: a song needs at least one stem"),
                problems(session("", "[{id: song, title: Song, stems: []}]")));
    }

    @Test
    void routingToBusesThatDoNotExist() {
        assertEquals(List.of(
                "songs[0].stems[0].bus: no bus \"drumz\" (buses: drums, plate)",
                "songs[0].stems[0].sends[0].bus: no bus \"hall\" (buses: drums, plate)"),
                problems(withBuses(BUSES, "bus: drumz, sends: [{bus: hall, levelDb: -10}]")));
        assertEquals(List.of("songs[0].stems[0].bus: no bus \"drums\" (no buses are defined)"),
                problems(oneStem("bus: drums")));
    }

    @Test
    void stemsReachEffectBusesOnlyThroughSends() {
        assertEquals(List.of("songs[0].stems[0].bus: \"plate\" is a reverb bus; stems reach effect buses through sends"),
                problems(withBuses(BUSES, "bus: plate")));
        assertEquals(List.of(), problems(withBuses(BUSES, "bus: drums, sends: [{bus: plate, levelDb: -10, preFader: true}]")));
    }

    @Test
    void sendLevelIsRangeChecked() {
        assertEquals(List.of("songs[0].stems[0].sends[0].levelDb: 20 is above 12 dB"),
                problems(withBuses(BUSES, "sends: [{bus: plate, levelDb: 20}]")));
    }

    @Test
    void busOutputsGoToGroupBuses() {
        String buses = """
                buses:
                  - {id: plate, type: reverb}
                  - {id: drums, type: group, output: plate}
                  - {id: keys, type: group, output: nowhere}
                """;
        assertEquals(List.of(
                "buses[1].output: \"plate\" is a reverb bus; a bus outputs to the mix bus or a group bus",
                "buses[2].output: no bus \"nowhere\" (buses: plate, drums, keys)"), problems(withBuses(buses, "")));
    }

    @Test
    void groupBusCycleThroughOutputs() {
        String buses = """
                buses:
                  - {id: drums, type: group, output: music}
                  - {id: music, type: group, output: drums}
                """;
        assertEquals(List.of("buses[1].output: routing cycle drums → music → drums"), problems(withBuses(buses, "")));
    }

    @Test
    void cycleThroughEffectBusSends() {
        String buses = """
                buses:
                  - {id: plate, type: reverb, sends: [{bus: slap}]}
                  - {id: slap, type: delay, delay: {timeMs: 120}, sends: [{bus: plate}]}
                  - {id: echo, type: delay, delay: {timeMs: 300}, sends: [{bus: echo}]}
                """;
        assertEquals(List.of(
                "buses[1].sends[0].bus: routing cycle plate → slap → plate",
                "buses[2].sends[0].bus: routing cycle echo → echo"), problems(withBuses(buses, "")));
    }

    @Test
    void acyclicChainsAreFine() {
        String buses = """
                buses:
                  - {id: drums, type: group, output: music, sends: [{bus: plate}]}
                  - {id: music, type: group}
                  - {id: plate, type: reverb, output: music}
                  - {id: slap, type: delay, delay: {timeMs: 80}, sends: [{bus: plate}]}
                """;
        assertEquals(List.of(), problems(withBuses(buses, "bus: drums, sends: [{bus: slap}]")));
    }

    @Test
    void automationTimesMustIncrease() {
        String automation = "strip: {automation: [{timeSeconds: 0, faderDb: -3}, {timeSeconds: 4, faderDb: 0},"
                + " {timeSeconds: 4, faderDb: -1}, {timeSeconds: 2, faderDb: -2}]}";
        assertEquals(List.of(
                "songs[0].stems[0].strip.automation[2].timeSeconds: 4 is not after the previous breakpoint (4 s)",
                "songs[0].stems[0].strip.automation[3].timeSeconds: 2 is not after the previous breakpoint (4 s)"),
                problems(oneStem(automation)));
    }

    @Test
    void automationReplacesTheStaticFader() {
        assertEquals(List.of("songs[0].stems[0].strip.faderDb: leave faderDb out when automation is given "
                        + "(the automation sets the fader)"),
                problems(oneStem("strip: {faderDb: -3, automation: [{timeSeconds: 0, faderDb: -3}]}")));
    }

    @Test
    void isrcFormat() {
        String songs = """
                [{id: a, title: A, isrc: GB-A1B-24-00001, stems: [{id: s, uri: s.wav}]},
                 {id: b, title: B, isrc: GBA1B2400002, stems: [{id: s, uri: s.wav}]},
                 {id: c, title: C, isrc: GB-A1B-2400003, stems: [{id: s, uri: s.wav}]},
                 {id: d, title: D, isrc: gb-a1b-24-00004, stems: [{id: s, uri: s.wav}]},
                 {id: e, title: E, isrc: GBA1B2400001, stems: [{id: s, uri: s.wav}]}]""";
        String hint = " is not an ISRC (expected CC-XXX-YY-NNNNN, e.g. GB-A1B-24-00001; dashes optional)";
        assertEquals(List.of(
                "songs[2].isrc: \"GB-A1B-2400003\"" + hint,
                "songs[3].isrc: \"gb-a1b-24-00004\"" + hint,
                "songs[4].isrc: \"GBA1B2400001\" is also the ISRC of songs[0]"), problems(session("", songs)));
    }

    @Test
    void busRules() {
        String buses = """
                buses:
                  - {id: drums, type: group, reverb: {decaySeconds: 2}, strip: {pan: 0.5, solo: true}}
                  - {id: plate, type: reverb, reverb: {decaySeconds: 30, preDelayMs: 600, damping: 1.5, size: -0.1}}
                  - {id: slap, type: delay}
                """;
        assertEquals(List.of(
                "buses[0].reverb: only allowed when type is reverb",
                "buses[0].strip.pan: buses are stereo: use balance",
                "buses[0].strip.solo: only stems can be soloed",
                "buses[1].reverb.decaySeconds: 30 is above 20 s",
                "buses[1].reverb.preDelayMs: 600 is above 500 ms",
                "buses[1].reverb.damping: 1.5 is above 1",
                "buses[1].reverb.size: -0.1 is below 0",
                "buses[2].delay: is required when type is delay"),
                problems(withBuses(buses, "")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {timeMs: 250, note: '1/4', tempoBpm: 120} | buses[0].delay.note: give either timeMs or note, not both
            {feedback: 0.2}                         | buses[0].delay: needs timeMs, or note and tempoBpm
            {note: '1/3', tempoBpm: 120}            | buses[0].delay.note: "1/3" is not a note value (1/1 to 1/64, then "." for dotted or "t" for triplet, e.g. "1/8.")
            {note: '1/8.'}                          | buses[0].delay.tempoBpm: is required with note
            {timeMs: 300, tempoBpm: 120}            | buses[0].delay.tempoBpm: only used with note
            {note: '1/1', tempoBpm: 40}             | buses[0].delay.note: 1/1 at 40 BPM is 6000 ms; the longest delay is 5000 ms
            {note: '1/4', tempoBpm: 10}             | buses[0].delay.tempoBpm: 10 is below 20 BPM
            {timeMs: 0.5}                           | buses[0].delay.timeMs: 0.5 is below 1 ms
            {timeMs: 300, feedback: 1}              | buses[0].delay.feedback: 1 is not below 1
            {timeMs: 300, feedback: -0.1}           | buses[0].delay.feedback: -0.1 is below 0
            {timeMs: 300, highCutHz: 5}             | buses[0].delay.highCutHz: 5 is below 10 Hz
            """)
    void delayRules(String delay, String expected) {
        String buses = "buses:\n  - {id: slap, type: delay, delay: " + delay + "}\n";
        assertEquals(List.of(expected), problems(withBuses(buses, "")));
    }

    @Test
    void masteringRanges() {
        String mastering = """
                mastering:
                  targetLufs: -3
                  ceilingDbtp: 0.5
                  maxLimitingDb: 30
                  stereoWidth: 3
                  eq: [{type: highShelf, freqHz: 30000, gainDb: 1}]
                  glue: {thresholdDb: -70, ratio: 2}
                  multiband: {lowCrossoverHz: 2000, highCrossoverHz: 200}
                """;
        assertEquals(List.of(
                "mastering.targetLufs: -3 is above -6 LUFS",
                "mastering.ceilingDbtp: 0.5 is above 0 dBTP",
                "mastering.maxLimitingDb: 30 is above 24 dB",
                "mastering.stereoWidth: 3 is above 2",
                "mastering.eq[0].freqHz: 30000 is above 20000 Hz",
                "mastering.glue.thresholdDb: -70 is below -60 dB",
                "mastering.multiband.highCrossoverHz: 200 Hz is not above lowCrossoverHz (2000 Hz)",
                "mastering.multiband: set a compressor on at least one of low, mid, high"),
                problems(withBuses(mastering, "")));
    }

    @Test
    void customPresetNeedsTargetAndCeiling() {
        assertEquals(List.of("mastering.targetLufs: is required when preset is custom",
                        "mastering.ceilingDbtp: is required when preset is custom"),
                problems(withBuses("mastering: {preset: custom}\n", "")));
        assertEquals(List.of("mastering.ceilingDbtp: is required when preset is custom"),
                problems(withBuses("mastering: {preset: custom, targetLufs: -12}\n", "")));
        String songs = "[{id: a, title: A, mastering: {preset: custom, ceilingDbtp: -2}, stems: [{id: s, uri: s.wav}]}]";
        assertEquals(List.of("songs[0].mastering.targetLufs: is required when preset is custom"),
                problems(session("", songs)));
        String withAlbumTarget = "mastering: {targetLufs: -10}\n";
        assertEquals(List.of(), problems(session(withAlbumTarget, songs)));
    }

    @Test
    void songOverridesRespectAlbumMode() {
        String songs = "[{id: a, title: A, mastering: {albumMode: false, preset: apple, targetLufs: -15, ceilingDbtp: -2},"
                + " stems: [{id: s, uri: s.wav}]}]";
        assertEquals(List.of(
                "songs[0].mastering.albumMode: only allowed in the album's mastering",
                "songs[0].mastering.preset: not allowed in album mode (one loudness target for the whole album)",
                "songs[0].mastering.targetLufs: not allowed in album mode (one loudness target for the whole album)"),
                problems(session("mastering: {albumMode: true}\n", songs)));
    }

    @Test
    void deliverables() {
        String mastering = """
                mastering:
                  deliverables:
                    - {format: flac, bitDepth: 32, dither: none}
                    - {format: wav, bitDepth: 32, dither: tpdf}
                    - {format: wav, bitDepth: 18}
                    - {format: wav, bitDepth: 24, sampleRate: 4000}
                    - {format: wav, bitDepth: 24}
                    - {format: wav, bitDepth: 24, sampleRate: 48000, dither: none}
                """;
        assertEquals(List.of(
                "mastering.deliverables[0].bitDepth: 32-bit float is WAV only; FLAC takes 16 or 24",
                "mastering.deliverables[1].dither: 32-bit float is not dithered; use none",
                "mastering.deliverables[2].bitDepth: 18 is not 16, 24 or 32",
                "mastering.deliverables[3].sampleRate: 4000 is below 8000 Hz",
                "mastering.deliverables[5]: same format, bit depth and sample rate as deliverables[4]"),
                problems(withBuses(mastering, "")));
        assertEquals(List.of("mastering.deliverables: list at least one deliverable "
                        + "(or leave the field out for one 24-bit WAV)"),
                problems(withBuses("mastering: {deliverables: []}\n", "")));
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        String yaml = withBuses(BUSES, "bus: nowhere, strip: {pan: 3, eq: [{type: bell, freqHz: 0, gainDb: 1}]}")
                .replace("sampleRate: 48000", "sampleRate: 100");
        ManifestException e = assertThrows(ManifestException.class,
                () -> ManifestValidator.requireValid(ManifestParser.parse(yaml, "album.yaml"), "album.yaml"));
        assertEquals(List.of(
                "sampleRate: 100 is below 8000 Hz",
                "songs[0].stems[0].strip.eq[0].freqHz: 0 is below 10 Hz",
                "songs[0].stems[0].strip.pan: 3 is above 1",
                "songs[0].stems[0].bus: no bus \"nowhere\" (buses: drums, plate)"),
                e.problems().stream().map(ManifestProblem::toString).toList());
        assertTrue(e.getMessage().startsWith("album.yaml: invalid manifest, 4 problems\n  sampleRate: 100 is below 8000 Hz\n"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("\n  songs[0].stems[0].bus: no bus \"nowhere\" (buses: drums, plate)"));
        assertTrue(!e.isRetriable());
    }

    @Test
    void programmaticSessionsWithNaNAreRejected() {
        Strip strip = new Strip(Double.NaN, null, null, null, null, null, null, null, null, null, null, null, null);
        Session s = new Session(Session.API_VERSION, Session.KIND, "a", "A", "B", 48000, "out", null, null,
                List.of(new Song("s", "S", null, null, List.of(new Stem("x", "x.wav", strip, null, null)))));
        assertEquals(List.of("songs[0].stems[0].strip.trimDb: NaN is not a finite number"),
                ManifestValidator.validate(s).stream().map(ManifestProblem::toString).toList());
    }
}
