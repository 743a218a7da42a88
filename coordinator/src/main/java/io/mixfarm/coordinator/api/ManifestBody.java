package io.mixfarm.coordinator.api;

import akka.http.javadsl.model.ContentType;
import akka.http.javadsl.model.MediaType;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * A submitted manifest body as text: its format from the Content-Type (JSON, YAML) or, for
 * {@code text/plain}, {@code application/octet-stream} and no type, from its first character
 * (the manifest parser reads a document starting with '{' as JSON, anything else as YAML).
 */
final class ManifestBody {

    /** The body as text, or why it is refused. */
    record Decoded(String text, Optional<String> problem, boolean unsupportedType) {
    }

    private ManifestBody() {
    }

    static Decoded decode(ContentType contentType, byte[] bytes) {
        Format format = format(contentType);
        if (format == Format.UNSUPPORTED) {
            return refused("Content-Type " + contentType + " is not a manifest; send application/json, "
                    + "application/yaml or text/plain", true);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return refused("the body is not UTF-8 text", false);
        }
        if (text.isBlank()) {
            return refused("the body is empty; send a manifest", false);
        }
        if (format == Format.JSON && !startsWithBrace(text)) {
            return refused("Content-Type says JSON but the body is not a JSON object", false);
        }
        return new Decoded(text, Optional.empty(), false);
    }

    private enum Format { JSON, YAML, SNIFF, UNSUPPORTED }

    private static Format format(ContentType contentType) {
        MediaType media = contentType.mediaType();
        String main = media.mainType().toLowerCase(Locale.ROOT);
        String sub = media.subType().toLowerCase(Locale.ROOT);
        if (main.equals("application") && (sub.equals("json") || sub.endsWith("+json"))) {
            return Format.JSON;
        }
        if ((main.equals("application") || main.equals("text"))
                && (sub.equals("yaml") || sub.equals("x-yaml") || sub.endsWith("+yaml"))) {
            return Format.YAML;
        }
        if ((main.equals("text") && sub.equals("plain")) || (main.equals("application") && sub.equals("octet-stream"))
                || main.equals("none")) {
            return Format.SNIFF;
        }
        return Format.UNSUPPORTED;
    }

    private static boolean startsWithBrace(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\uFEFF' && !Character.isWhitespace(c)) {
                return c == '{';
            }
        }
        return false;
    }

    private static Decoded refused(String problem, boolean unsupportedType) {
        return new Decoded(null, Optional.of(problem), unsupportedType);
    }
}
