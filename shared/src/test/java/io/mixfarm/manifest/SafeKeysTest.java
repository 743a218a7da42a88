package io.mixfarm.manifest;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SafeKeysTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "a.wav", "albums/2024/song.flac", "prefix/", "a..b/c...d.wav", ".hidden/x.wav",
            "Café del Mar/01 – Intro.wav", "アルバム/曲.wav", "stems/sha256/0f3a", "a b/c+d=e,f;g@h.wav",
            "Symphony #5/01 Allegro #1.flac"})
    void ordinaryKeysAreSafe(String key) {
        assertEquals(java.util.Optional.empty(), SafeKeys.problem(key), key);
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", "../x", "a/../x", "a/..", "./x", "a/./x", "/x", "a//x", "a///", "%2e%2e/x", "a%2Fb",
            "a\\b", "\uFF0E\uFF0E/x", "\u2025/x", "a/\u2024/x", "a\uFF0Fb/x", "a\uFE68b", "x?y", "a\u0000b", "a\u001b[31m"})
    void keysThatMeanSomethingElseSomewhereAreNot(String key) {
        assertTrue(SafeKeys.problem(key).isPresent(), key);
    }
}
