package io.mixfarm.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The container roles exist as subcommands and refuse an unusable configuration before starting anything. */
class RoleCommandsTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int farm(String... args) {
        CommandLine cli = new CommandLine(new FarmCli());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void theThreeContainerRolesAreSubcommands() {
        for (String role : new String[] {"coordinator", "worker", "standalone"}) {
            assertTrue(new CommandLine(new FarmCli()).getSubcommands().containsKey(role), role);
        }
        assertEquals(0, farm("coordinator", "--help"));
        assertTrue(out.toString().contains("--config"), out.toString());
        assertEquals(0, farm("worker", "--help"));
        assertTrue(out.toString().contains("SIGTERM"), out.toString());
    }

    @Test
    void coordinatorExitsWithCode2AndNamesEveryBadSetting() throws Exception {
        Path conf = Files.writeString(dir.resolve("bad.conf"), """
                mixfarm.coordinator.http.port = 70000
                mixfarm.coordinator.api-token = "tooShortToken"
                """);
        assertEquals(2, farm("coordinator", "--config", conf.toString()));
        String message = err.toString();
        assertTrue(message.contains("mixfarm.coordinator.http.port"), message);
        assertTrue(message.contains("mixfarm.coordinator.api-token"), message);
        assertFalse(message.contains("tooShortToken"), "the token must never be printed: " + message);
    }

    @Test
    void workerExitsWithCode2AndNamesEveryBadSetting() throws Exception {
        Path conf = Files.writeString(dir.resolve("bad.conf"), """
                mixfarm.worker.slots = -3
                mixfarm.worker.drain-deadline = "soon"
                """);
        assertEquals(2, farm("worker", "--config", conf.toString()));
        String message = err.toString();
        assertTrue(message.contains("slots"), message);
        assertTrue(message.contains("drain-deadline"), message);
    }

    @Test
    void aMissingConfigFileIsAConfigurationError() {
        Path missing = dir.resolve("absent.conf");
        assertEquals(2, farm("worker", "--config", missing.toString()));
        assertTrue(err.toString().contains("absent.conf"), err.toString());
        assertEquals(2, farm("coordinator", "--config", missing.toString()));
    }
}
