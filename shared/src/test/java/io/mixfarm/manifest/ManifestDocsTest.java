package io.mixfarm.manifest;

import org.junit.jupiter.api.Test;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/manifest.md cannot drift from the model: every record reachable from {@link Session} has a
 * section that lists where it is used and one table row per component, in order, with the right
 * type word, "required" exactly for {@link Required} fields and every enum value.
 */
class ManifestDocsTest {

    private static final Pattern SECTION = Pattern.compile("^### `(\\w+)`$");
    private static final Pattern USED_AT = Pattern.compile("^Used at: (.*)$");
    private static final Pattern ROW = Pattern.compile("^\\| `(\\w+)` \\|([^|]*)\\|([^|]*)\\|([^|]*)\\|([^|]*)\\|$");
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final String ROOT = "the document root";

    private record Row(String field, String type, String defaultValue, String values) {
    }

    private record Section(Set<String> usedAt, List<Row> rows) {
    }

    private final Map<String, Section> docs = parse(TestManifests.read(
            TestManifests.repositoryRoot().resolve("docs/manifest.md")));
    private final Map<Class<?>, Set<String>> model = usages();

    @Test
    void everyModelTypeHasASectionAndNoSectionIsStale() {
        Set<String> modelNames = new LinkedHashSet<>();
        model.keySet().forEach(c -> modelNames.add(c.getSimpleName()));
        assertEquals(modelNames, docs.keySet());
    }

    @Test
    void sectionsSayWhereEachTypeIsUsed() {
        for (Map.Entry<Class<?>, Set<String>> type : model.entrySet()) {
            Section section = section(type.getKey());
            Set<String> expected = type.getValue().equals(Set.of("")) ? Set.of(ROOT) : type.getValue();
            assertEquals(expected, section.usedAt, "Used at: of " + type.getKey().getSimpleName());
        }
    }

    @Test
    void everyFieldIsDocumentedInOrderAndNoDocumentedFieldIsStale() {
        for (Class<?> type : model.keySet()) {
            List<String> documented = section(type).rows.stream().map(Row::field).toList();
            assertEquals(List.copyOf(ModelTypes.components(type).keySet()), documented,
                    "fields of " + type.getSimpleName());
        }
    }

    @Test
    void typesDefaultsAndValuesMatchTheModel() {
        for (Class<?> type : model.keySet()) {
            for (Row row : section(type).rows) {
                RecordComponent component = ModelTypes.components(type).get(row.field);
                if (component == null) {
                    continue; // a stale row: everyFieldIsDocumentedInOrderAndNoDocumentedFieldIsStale reports it
                }
                String where = type.getSimpleName() + "." + row.field;
                assertTrue(row.type.startsWith(typeWord(component.getGenericType())),
                        where + ": type column \"" + row.type + "\" should start with " + typeWord(component.getGenericType()));
                boolean required = component.isAnnotationPresent(Required.class);
                assertEquals(required, row.defaultValue.equals("required"),
                        where + ": default column \"" + row.defaultValue + "\"");
                Class<?> valueType = elementClass(component.getGenericType());
                if (valueType.isEnum()) {
                    Set<String> listed = codes(row.values);
                    assertEquals(ModelTypes.wireNames(valueType).keySet(), listed, where + ": values");
                }
            }
        }
    }

    private Section section(Class<?> type) {
        Section section = docs.get(type.getSimpleName());
        assertTrue(section != null, "docs/manifest.md has no section ### `" + type.getSimpleName() + "`");
        return section;
    }

    /** Each record type reachable from Session, with every path it appears at ("[]" for list items). */
    private static Map<Class<?>, Set<String>> usages() {
        Map<Class<?>, Set<String>> found = new LinkedHashMap<>();
        walk(Session.class, "", found);
        return found;
    }

    private static void walk(Class<?> record, String path, Map<Class<?>, Set<String>> found) {
        found.computeIfAbsent(record, r -> new LinkedHashSet<>()).add(path);
        for (RecordComponent c : ModelTypes.components(record).values()) {
            Class<?> element = elementClass(c.getGenericType());
            if (element.isRecord()) {
                String list = ModelTypes.raw(c.getGenericType()) == List.class ? "[]" : "";
                walk(element, (path.isEmpty() ? "" : path + ".") + c.getName() + list, found);
            }
        }
    }

    private static Class<?> elementClass(Type type) {
        return type instanceof ParameterizedType p ? (Class<?>) p.getActualTypeArguments()[0] : (Class<?>) type;
    }

    private static String typeWord(Type type) {
        if (ModelTypes.raw(type) == List.class) {
            return "list of " + typeWord(elementClass(type));
        }
        Class<?> c = (Class<?>) type;
        if (c.isRecord()) {
            return "`" + c.getSimpleName() + "`";
        }
        if (c == String.class || c.isEnum()) {
            return "text";
        }
        return c == Integer.class ? "integer" : c == Boolean.class ? "boolean" : "number";
    }

    private static Set<String> codes(String cell) {
        Set<String> codes = new LinkedHashSet<>();
        Matcher m = CODE.matcher(cell);
        while (m.find()) {
            codes.add(m.group(1));
        }
        return codes;
    }

    private static Map<String, Section> parse(String markdown) {
        Map<String, Section> sections = new LinkedHashMap<>();
        String current = null;
        for (String line : markdown.split("\n")) {
            Matcher heading = SECTION.matcher(line);
            Matcher usedAt = USED_AT.matcher(line);
            Matcher row = ROW.matcher(line);
            if (heading.matches()) {
                current = heading.group(1);
                sections.put(current, new Section(new LinkedHashSet<>(), new ArrayList<>()));
            } else if (current != null && usedAt.matches()) {
                String places = usedAt.group(1).strip();
                sections.get(current).usedAt.addAll(places.startsWith(ROOT) ? Set.of(ROOT) : codes(places));
            } else if (current != null && row.matches()) {
                sections.get(current).rows.add(new Row(row.group(1), row.group(2).strip(),
                        row.group(3).strip(), row.group(4).strip()));
            } else if (line.startsWith("## ")) {
                current = null;
            }
        }
        return sections;
    }
}
