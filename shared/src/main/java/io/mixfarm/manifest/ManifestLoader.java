package io.mixfarm.manifest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses and validates a manifest in one step, placing every problem at its line. What the CLI
 * and the coordinator call; {@link ManifestParser} and {@link ManifestValidator} are the parts.
 */
public final class ManifestLoader {

    private ManifestLoader() {
    }

    /**
     * Loads a manifest file and checks it, including that local stems exist next to it.
     *
     * @throws ManifestException listing every problem found
     */
    public static Session load(Path file) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        String text = read(file, name);
        Path dir = file.toAbsolutePath().getParent();
        return check(ManifestParser.parseDocument(text, name), dir);
    }

    /**
     * Loads a manifest from text (an upload) and checks it; local stem files are not looked at.
     *
     * @throws ManifestException listing every problem found
     */
    public static Session load(String text, String sourceName) {
        return check(ManifestParser.parseDocument(text, sourceName), null);
    }

    private static Session check(ManifestDocument document, Path stemDir) {
        List<ManifestProblem> problems = new ArrayList<>(ManifestValidator.validate(document.session()));
        if (stemDir != null) {
            problems.addAll(LocalStems.findMissing(document.session(), stemDir));
        }
        if (!problems.isEmpty()) {
            throw new ManifestException(document.sourceName(), document.positions().locate(problems));
        }
        return document.session();
    }

    private static String read(Path file, String name) {
        try {
            long size = Files.size(file);
            // UTF-8 has at least one byte per character: a larger file has too many characters.
            if (size > ManifestParser.MAX_DOCUMENT_CHARS) {
                throw new ManifestException(name, List.of(new ManifestProblem("",
                        "the file has " + size + " bytes; the limit is " + ManifestParser.MAX_DOCUMENT_CHARS)));
            }
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new ManifestException(name, List.of(new ManifestProblem("", "the file is not UTF-8 text")));
        } catch (NoSuchFileException e) {
            throw new ManifestException(name, List.of(new ManifestProblem("", "file not found: " + file)));
        } catch (IOException e) {
            throw new ManifestException(name, List.of(new ManifestProblem("", "cannot read " + file + ": " + e.getMessage())));
        }
    }
}
