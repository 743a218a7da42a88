package io.mixfarm.manifest;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.List;

/** Reports every {@link Required} field that is absent, walking the model by reflection. */
final class RequiredFields {

    private RequiredFields() {
    }

    static void check(Object value, String path, Problems problems) {
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                check(list.get(i), PathNames.index(path, i), problems);
            }
        } else if (value != null && value.getClass().isRecord()) {
            for (RecordComponent component : ModelTypes.components(value.getClass()).values()) {
                String child = PathNames.field(path, component.getName());
                Object fieldValue = read(component, value);
                if (fieldValue == null && component.isAnnotationPresent(Required.class)) {
                    problems.add(child, "is required");
                }
                check(fieldValue, child, problems);
            }
        }
    }

    private static Object read(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component, e);
        }
    }
}
