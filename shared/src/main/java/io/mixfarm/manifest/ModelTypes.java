package io.mixfarm.manifest;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reflection over the manifest model: record components in declaration order and enum wire
 * names. The schema check, the required-field check and the documentation test all read the
 * model through this one place.
 */
final class ModelTypes {

    private static final Map<Class<?>, Map<String, RecordComponent>> COMPONENTS = new ConcurrentHashMap<>();
    private static final Map<Class<?>, Map<String, Enum<?>>> WIRE_NAMES = new ConcurrentHashMap<>();

    private ModelTypes() {
    }

    /** The class of a plain or parameterised type ({@code List<Song>} gives List). */
    static Class<?> raw(Type type) {
        return type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
    }

    /** A record's components by name, in declaration order. */
    static Map<String, RecordComponent> components(Class<?> record) {
        return COMPONENTS.computeIfAbsent(record, r -> {
            Map<String, RecordComponent> byName = new LinkedHashMap<>();
            for (RecordComponent c : r.getRecordComponents()) {
                byName.put(c.getName(), c);
            }
            return Collections.unmodifiableMap(byName);
        });
    }

    /** An enum's constants by the name the manifest uses for them ({@code lowShelf}). */
    static Map<String, Enum<?>> wireNames(Class<?> enumType) {
        return WIRE_NAMES.computeIfAbsent(enumType, e -> {
            Map<String, Enum<?>> byName = new LinkedHashMap<>();
            for (Object constant : e.getEnumConstants()) {
                Enum<?> value = (Enum<?>) constant;
                byName.put(wireName(value), value);
            }
            return Collections.unmodifiableMap(byName);
        });
    }

    /** The name the manifest uses for an enum constant. */
    static String wireName(Enum<?> value) {
        try {
            JsonProperty name = value.getDeclaringClass().getField(value.name()).getAnnotation(JsonProperty.class);
            if (name == null) {
                throw new IllegalStateException(value + " has no @JsonProperty wire name");
            }
            return name.value();
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    static String describe(Type type) {
        Class<?> raw = raw(type);
        if (raw.isRecord()) {
            return "an object";
        }
        if (raw == String.class || raw.isEnum()) {
            return "text";
        }
        return raw == Boolean.class ? "true or false" : "a number";
    }
}
