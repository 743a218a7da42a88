package io.mixfarm.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads and writes contract messages. Writers omit null fields and write instants as ISO-8601
 * text; readers ignore unknown fields and unknown enum values (mapped to each enum's UNKNOWN
 * constant where it has one), and refuse a schema version newer than
 * {@link ContractMessage#SCHEMA_VERSION} with a {@link ContractException}.
 *
 * <p>Reading binds the bytes straight to the message type (one parse: the coordinator reads
 * tens of thousands of events per session); only a message that does not bind so is read again
 * through a tree, which names what is wrong with it.
 */
public final class ContractJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
            .disable(DeserializationFeature.FAIL_ON_INVALID_SUBTYPE)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();
    private static final ObjectReader MESSAGE_READER = MAPPER.readerFor(ContractMessage.class);

    private ContractJson() {
    }

    /**
     * The configured mapper, for embedding contract values in other JSON (reports, the HTTP
     * API). Do not reconfigure it: it is shared.
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** A message as UTF-8 JSON, for a Kafka record value. */
    public static byte[] write(ContractMessage message) {
        try {
            return MAPPER.writerFor(ContractMessage.class).writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + message.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** A message as JSON text, for logs and tests. */
    public static String writeString(ContractMessage message) {
        return new String(write(message), StandardCharsets.UTF_8);
    }

    /** Reads a message of a known type; anything else is a {@link ContractException}. */
    public static <T extends ContractMessage> T read(byte[] json, Class<T> type) {
        Optional<ContractMessage> direct = direct(json);
        if (direct != null && type.isInstance(direct.orElse(null))) {
            return type.cast(direct.get());
        }
        JsonNode tree = tree(json, type.getSimpleName());
        ContractMessage message = bind(tree, type.getSimpleName());
        if (!type.isInstance(message)) {
            throw new ContractException("expected a " + type.getSimpleName() + " message but got type "
                    + tree.path("type").asText("(none)"));
        }
        return type.cast(message);
    }

    /**
     * Reads a message of any contract type; empty when its {@code type} is one this reader does
     * not know (a newer writer's message, to skip).
     */
    public static Optional<ContractMessage> readAny(byte[] json) {
        Optional<ContractMessage> direct = direct(json);
        if (direct != null) {
            return direct;
        }
        return Optional.ofNullable(bind(tree(json, "message"), "message"));
    }

    /**
     * The message bound in one pass, empty for an unknown type; null when the bytes are anything
     * but a readable message of a known version (the tree reader then says what is wrong).
     */
    private static Optional<ContractMessage> direct(byte[] json) {
        if (json == null || !readableVersion(json)) {
            return null;
        }
        try {
            ContractMessage message = MESSAGE_READER.readValue(json);
            // A repeated "v" binds its last value, which the version check did not see.
            return message == null || message.v() <= ContractMessage.SCHEMA_VERSION ? Optional.ofNullable(message) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * True when the bytes open a JSON object whose top-level {@code "v"} is an int this reader
     * knows. Writers put {@code "v"} near the start, so this reads a few tokens.
     */
    private static boolean readableVersion(byte[] json) {
        try (JsonParser p = MAPPER.getFactory().createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("v".equals(field)) {
                    return value == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT
                            && p.getIntValue() <= ContractMessage.SCHEMA_VERSION;
                }
                p.skipChildren();
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static JsonNode tree(byte[] json, String what) {
        if (json == null) {
            throw new ContractException("the " + what + " is empty (null value)");
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (IOException e) {
            String reason = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new ContractException("the " + what + " is not JSON: " + reason, e);
        }
        if (tree == null || !tree.isObject()) {
            throw new ContractException("the " + what + " is not a JSON object");
        }
        checkVersion(tree, what);
        return tree;
    }

    private static void checkVersion(JsonNode tree, String what) {
        JsonNode v = tree.get("v");
        if (v == null || !v.isInt()) {
            throw new ContractException("the " + what + " has no schema version (field \"v\")");
        }
        if (v.intValue() > ContractMessage.SCHEMA_VERSION) {
            throw new ContractException("the " + what + " has schema version " + v.intValue()
                    + "; this reader knows versions up to " + ContractMessage.SCHEMA_VERSION);
        }
    }

    private static ContractMessage bind(JsonNode tree, String what) {
        try {
            return MAPPER.treeToValue(tree, ContractMessage.class);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            String reason = cause instanceof IllegalArgumentException ? cause.getMessage() : e.getOriginalMessage();
            throw new ContractException("the " + what + " does not match the contract: " + reason, e);
        }
    }
}
