package org.nfvperf.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTextTest {
    @Test
    void laysOutTreesAsJacksonsPrettyPrinterDoes() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("n", 1L);
        inner.put("empty", List.of());
        inner.put("none", new LinkedHashMap<>());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("text", "quote \" backslash \\ tab \t nl \n cr \r bs \b ff \f ctl \u0001\u001f del \u007f \u00e9 \u20ac \ud83d\ude00");
        m.put("int", 42);
        m.put("long", Long.MIN_VALUE);
        m.put("double", 20250.5);
        m.put("tiny", 1.0e-7);
        m.put("huge", 1.0e22);
        m.put("nan", Double.NaN);
        m.put("inf", Double.NEGATIVE_INFINITY);
        m.put("bool", true);
        m.put("null", null);
        m.put("list", Arrays.asList(1L, "two", null, inner, List.of(inner, inner), List.of()));
        m.put("objects", List.of(inner));
        m.put("nested", Map.of("deeper", inner));
        assertEquals(Json.write(m), JsonText.write(m));
        assertEquals(Json.write(List.of()), JsonText.write(List.of()));
        assertEquals(Json.write(new LinkedHashMap<>()), JsonText.write(new LinkedHashMap<>()));
        assertEquals(Json.write(new ArrayList<>(List.of(m, m))), JsonText.write(List.of(m, m)));
    }

    @Test
    void refusesOtherTypes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JsonText.write(List.of(new Object())));
        assertEquals("value must be a map, list, string, number, boolean or null: java.lang.Object", e.getMessage());
    }
}
