package io.mixfarm.contract;

import io.mixfarm.manifest.Deliverable;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** S3 locations and the deterministic keys outputs and stems are written under. */
class AddressingTest {

    private static final S3Uri OUT = S3Uri.parse("s3://masters/night-drive/");

    @Test
    void parsesAndFormatsBucketPrefixAndObject() {
        S3Uri object = S3Uri.parseObject("s3://stems/a/b c/kick.wav");
        assertEquals("stems", object.bucket());
        assertEquals("a/b c/kick.wav", object.key());
        assertEquals("s3://stems/a/b c/kick.wav", object.toString());
        assertTrue(object.isObject());

        assertEquals(new S3Uri("masters", ""), S3Uri.parse("s3://masters"));
        assertEquals("s3://masters/", S3Uri.parse("s3://masters").toString());
        assertFalse(OUT.isObject());
    }

    @Test
    void parseErrorsSayWhatIsWrong() {
        assertError("\"http://x/y\" is not an s3:// URI (expected s3://bucket/key)", "http://x/y");
        assertError("\"s3://Masters/k\": \"Masters\" is not a valid S3 bucket name (3 to 63 lowercase letters, "
                + "digits, '.' or '-', starting and ending with a letter or digit)", "s3://Masters/k");
        assertError("\"s3:///k\": the bucket name is empty", "s3:///k");
        assertError("\"s3://a..b/k\": \"a..b\" is not a valid S3 bucket name (3 to 63 lowercase letters, "
                + "digits, '.' or '-', starting and ending with a letter or digit)", "s3://a..b/k");
        assertError("\"s3://10.0.0.1/k\": \"10.0.0.1\" is not a valid S3 bucket name (3 to 63 lowercase "
                + "letters, digits, '.' or '-', starting and ending with a letter or digit)", "s3://10.0.0.1/k");
        assertError("\"s3://bkt//k\": the key \"/k\" starts with '/'", "s3://bkt//k");
        assertError("\"s3://bkt/a\u0001\": the key contains control characters", "s3://bkt/a\u0001");
        assertError("\"s3://bkt/" + "k".repeat(1025) + "\": the key is 1025 bytes long; S3 allows 1024",
                "s3://bkt/" + "k".repeat(1025));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> S3Uri.parseObject("s3://bkt/folder/"));
        assertEquals("\"s3://bkt/folder/\" names no object (expected s3://bucket/key)", e.getMessage());
    }

    @Test
    void resolveJoinsWithExactlyOneSlash() {
        assertEquals("s3://b1b/out/x.wav", S3Uri.parse("s3://b1b/out").resolve("x.wav").toString());
        assertEquals("s3://b1b/out/x.wav", S3Uri.parse("s3://b1b/out/").resolve("x.wav").toString());
        assertEquals("s3://b1b/x.wav", S3Uri.parse("s3://b1b").resolve("x.wav").toString());
        assertThrows(IllegalArgumentException.class, () -> OUT.resolve("/abs"));
    }

    @Test
    void outputsLiveUnderTheSessionPrefixBySong() {
        Deliverable wav = new Deliverable(Deliverable.Format.WAV, 24, null, null);
        Deliverable flac = new Deliverable(Deliverable.Format.FLAC, 16, 44100, null);
        assertEquals("s3://masters/night-drive/01-headlights/01-headlights-24bit-48000hz.wav",
                OutputKeys.deliverable(OUT, "01-headlights", wav, 48000).toString());
        assertEquals("s3://masters/night-drive/01-headlights/01-headlights-16bit-44100hz.flac",
                OutputKeys.deliverable(OUT, "01-headlights", flac, 48000).toString());
        assertEquals("s3://masters/night-drive/01-headlights/report.json",
                OutputKeys.songReport(OUT, "01-headlights").toString());
        assertEquals("s3://masters/night-drive/01-headlights/loudness.png",
                OutputKeys.songPlot(OUT, "01-headlights", "loudness").toString());
        assertEquals("s3://masters/night-drive/album-report.json", OutputKeys.albumReport(OUT).toString());
    }

    @Test
    void keysAreTheSameEveryTime() {
        Deliverable wav = new Deliverable(Deliverable.Format.WAV, 32, 96000, null);
        assertEquals(OutputKeys.deliverable(OUT, "s", wav, 48000), OutputKeys.deliverable(OUT, "s", wav, 48000));
    }

    @Test
    void stemsAreAddressedByContent() {
        String hex = "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08";
        assertEquals("s3://farm/stems/sha256/" + hex.toLowerCase(java.util.Locale.ROOT),
                OutputKeys.stem("farm", hex).toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OutputKeys.stem("farm", "abc"));
        assertEquals("\"abc\" is not a SHA-256 in hex (64 digits)", e.getMessage());
    }

    @Test
    void unsafeSongIdsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OutputKeys.songReport(OUT, "../etc"));
        assertTrue(e.getMessage().startsWith("\"../etc\" is not a valid song id"), e.getMessage());
    }

    private static void assertError(String expected, String uri) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> S3Uri.parse(uri));
        assertEquals(expected, e.getMessage());
    }
}
