package io.mixfarm.embedded;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.config.Configurator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped log4j2.xml: readable text by default, JSON lines on request, the render ids in both. */
class LogFormatTest {

    private static final Logger LOG = LogManager.getLogger("io.mixfarm.test.LogFormat");
    private final PrintStream originalErr = System.err;

    @AfterEach
    void restore() {
        System.setErr(originalErr);
        System.clearProperty("mixfarm.log.format");
        System.clearProperty("mixfarm.log.level");
        ThreadContext.clearMap();
        Configurator.reconfigure();
    }

    @Test
    void textLinesNameTheSessionAndSongOnlyWhenTheContextHasThem() {
        List<String> lines = logTwoLines(null);
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).endsWith("i.m.t.LogFormat [session s-1 song song-a] - rendering"), lines.get(0));
        assertTrue(lines.get(1).endsWith("i.m.t.LogFormat - idle"), lines.get(1));
    }

    @Test
    void jsonModeWritesOneObjectPerLineWithTheContextAsFields() {
        List<String> lines = logTwoLines("json");
        assertEquals(2, lines.size(), lines.toString());
        String first = lines.get(0);
        assertTrue(first.startsWith("{") && first.endsWith("}"), first);
        for (String field : new String[] {"\"level\":\"INFO\"", "\"logger\":\"io.mixfarm.test.LogFormat\"",
                "\"message\":\"rendering\"", "\"sessionId\":\"s-1\"", "\"songId\":\"song-a\"", "\"time\":\""}) {
            assertTrue(first.contains(field), field + " in " + first);
        }
        assertFalse(lines.get(1).contains("sessionId"), lines.get(1));
    }

    @Test
    void mixfarmLoggersStayAtWarnUnlessRaised() {
        System.setProperty("mixfarm.log.level", "WARN");
        assertEquals(List.of(), capture(() -> LOG.info("not shown")));
    }

    private List<String> logTwoLines(String format) {
        if (format != null) {
            System.setProperty("mixfarm.log.format", format);
        }
        System.setProperty("mixfarm.log.level", "INFO");
        return capture(() -> {
            ThreadContext.put("sessionId", "s-1");
            ThreadContext.put("songId", "song-a");
            LOG.info("rendering");
            ThreadContext.clearMap();
            LOG.info("idle");
        });
    }

    private List<String> capture(Runnable logging) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        Configurator.reconfigure();
        logging.run();
        System.setErr(originalErr);
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
