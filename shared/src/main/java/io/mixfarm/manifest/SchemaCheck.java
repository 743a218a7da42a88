package io.mixfarm.manifest;

import com.fasterxml.jackson.databind.JsonNode;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks a document tree against the model's shape before binding, so that every unknown
 * field, wrong type and unknown enum value is reported at once with its path (Jackson's
 * binding stops at the first). Null counts as absent. The shapes come from the record
 * components themselves, so this check cannot drift from the model.
 */
final class SchemaCheck {

    private final Problems problems;

    private SchemaCheck(Problems problems) {
        this.problems = problems;
    }

    static void check(JsonNode root, Class<?> type, Problems problems) {
        new SchemaCheck(problems).value(root, type, "");
    }

    private void value(JsonNode node, Type type, String path) {
        if (node.isNull()) {
            return;
        }
        Class<?> raw = ModelTypes.raw(type);
        if (raw == java.util.List.class) {
            list(node, ((ParameterizedType) type).getActualTypeArguments()[0], path);
        } else if (raw.isRecord()) {
            record(node, raw, path);
        } else if (raw.isEnum()) {
            enumValue(node, raw, path);
        } else if (raw == String.class) {
            expect(node.isTextual(), node, path, "text");
        } else if (raw == Boolean.class) {
            expect(node.isBoolean(), node, path, "true or false");
        } else if (raw == Double.class) {
            expect(node.isNumber(), node, path, "a number");
        } else if (raw == Integer.class) {
            integer(node, path);
        } else {
            throw new IllegalStateException("manifest model type not handled: " + type);
        }
    }

    private void list(JsonNode node, Type element, String path) {
        if (!node.isArray()) {
            problems.add(path, "expected a list, got " + describe(node));
            return;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String itemPath = PathNames.index(path, i);
            if (item.isNull()) {
                problems.add(itemPath, "expected " + ModelTypes.describe(element) + ", got null");
            } else {
                value(item, element, itemPath);
            }
        }
    }

    private void record(JsonNode node, Class<?> type, String path) {
        if (!node.isObject()) {
            problems.add(path, "expected an object with fields, got " + describe(node));
            return;
        }
        Map<String, RecordComponent> components = ModelTypes.components(type);
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String fieldPath = PathNames.field(path, field.getKey());
            RecordComponent component = components.get(field.getKey());
            if (component == null) {
                problems.add(fieldPath, "unknown field (known fields: "
                        + String.join(", ", components.keySet()) + ")");
            } else {
                value(field.getValue(), component.getGenericType(), fieldPath);
            }
        }
    }

    private void enumValue(JsonNode node, Class<?> type, String path) {
        Map<String, ?> names = ModelTypes.wireNames(type);
        if (!node.isTextual() || !names.containsKey(node.textValue())) {
            String given = node.isTextual() ? "\"" + node.textValue() + "\"" : describe(node);
            problems.add(path, given + " is not one of "
                    + names.keySet().stream().collect(Collectors.joining(", ")));
        }
    }

    private void integer(JsonNode node, String path) {
        if (!node.isNumber()) {
            problems.add(path, "expected a whole number, got " + describe(node));
        } else if (!node.isIntegralNumber()) {
            problems.add(path, "expected a whole number, got " + node.asText());
        } else if (!node.canConvertToInt()) {
            problems.add(path, node.asText() + " is too large");
        }
    }

    private void expect(boolean ok, JsonNode node, String path, String expected) {
        if (!ok) {
            String hint = expected.equals("text") && node.isValueNode() ? " (put it in quotes)" : "";
            problems.add(path, "expected " + expected + ", got " + describe(node) + hint);
        }
    }

    /** What a person would call the value: text "abc", number 12, a list, an object. */
    static String describe(JsonNode node) {
        if (node.isTextual()) {
            String text = node.textValue();
            String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
            return "text \"" + shown + "\"";
        }
        if (node.isNumber()) {
            return "number " + node.asText();
        }
        if (node.isBoolean()) {
            return node.asText();
        }
        if (node.isArray()) {
            return "a list";
        }
        if (node.isObject()) {
            return "an object";
        }
        return "null";
    }
}
