package io.mixfarm.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
        return Optional.ofNullable(bind(tree(json, "message"), "message"));
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
